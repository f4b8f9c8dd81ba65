using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>
/// What a <see cref="CompiledNode"/> resolves to: undefined, a JSON value (<see langword="null"/> node for JSON
/// <c>null</c>), a scalar copied from the event or the mapping kept as its <see cref="JsonElement"/> (no node, no
/// string until read), or a plain object of field keys kept as a <see cref="MappedObject"/> (no
/// <see cref="JsonObject"/> until someone needs one).
/// </summary>
internal readonly struct CompiledValue
{
    private CompiledValue(JsonNode? node, MappedObject? mapped, JsonElement element = default)
    {
        IsDefined = true;
        Node = node;
        Mapped = mapped;
        Element = element;
    }

    /// <summary>JavaScript <c>undefined</c>.</summary>
    public static CompiledValue Undefined => default;

    /// <summary>Whether a value (possibly JSON null) was produced.</summary>
    public bool IsDefined { get; }

    /// <summary>The value as a node, when it is not a <see cref="Mapped"/> object; <see langword="null"/> for JSON null.</summary>
    public JsonNode? Node { get; }

    /// <summary>The value when it is an object of compiled field keys.</summary>
    public MappedObject? Mapped { get; }

    /// <summary>The value when it is kept as an element of the event or the mapping (<see cref="IsElement"/>).</summary>
    public JsonElement Element { get; }

    /// <summary>Whether the value is kept as <see cref="Element"/>.</summary>
    public bool IsElement => Element.ValueKind != JsonValueKind.Undefined;

    /// <summary>Whether the value is an object or array kept as <see cref="Element"/>.</summary>
    public bool IsElementContainer => Element.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

    /// <summary>Whether the value is defined and not JSON null.</summary>
    public bool HasNonNullValue => IsDefined && (Node is not null || Mapped is not null || IsElement);

    /// <summary>Whether the value is the empty string.</summary>
    public bool IsEmptyString => IsElement
        ? Element.ValueKind == JsonValueKind.String && Element.ValueEquals(ReadOnlySpan<byte>.Empty)
        : JsonNodes.TryGetString(Node, out string s) && s.Length == 0;

    /// <summary>A node value.</summary>
    public static CompiledValue Of(JsonNode? node) => new(node, null);

    /// <summary>An object of compiled field keys.</summary>
    public static CompiledValue Of(MappedObject mapped) => new(null, mapped);

    /// <summary>
    /// A value copied from an element (the event or the mapping, which outlive the result and are never changed):
    /// kept as the element, JSON null as a null node.
    /// </summary>
    public static CompiledValue OfElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => new(null, null),
        _ => new(null, null, element),
    };

    /// <summary>From the interpreter's result.</summary>
    public static CompiledValue Of(Resolved resolved) => resolved.IsDefined ? new(resolved.Value, null) : default;

    /// <summary>The value as a node (a mapped object becomes its <see cref="JsonObject"/>, built once; an element a fresh node tree).</summary>
    public JsonNode? ToNode() => Mapped is { } mapped ? mapped.ToJsonObject() : IsElement ? JsonNodes.FromElement(Element) : Node;
}
