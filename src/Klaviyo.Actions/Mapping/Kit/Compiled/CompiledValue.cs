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
    /// <summary>Stands for a defined JSON <c>null</c> in <see cref="_value"/> (a null reference there means undefined
    /// unless an element is held), so the struct is one reference and one element.</summary>
    private static readonly object JsonNull = new();

    private readonly object? _value;

    private CompiledValue(object value)
    {
        _value = value;
        Element = default;
    }

    private CompiledValue(JsonElement element)
    {
        _value = null;
        Element = element;
    }

    /// <summary>JavaScript <c>undefined</c>.</summary>
    public static CompiledValue Undefined => default;

    /// <summary>Whether a value (possibly JSON null) was produced.</summary>
    public bool IsDefined => _value is not null || IsElement;

    /// <summary>The value as a node, when it is not a <see cref="Mapped"/> object or an element; <see langword="null"/> for JSON null.</summary>
    public JsonNode? Node => _value as JsonNode;

    /// <summary>The value when it is an object of compiled field keys.</summary>
    public MappedObject? Mapped => _value as MappedObject;

    /// <summary>The value when it is kept as an element of the event or the mapping (<see cref="IsElement"/>).</summary>
    public JsonElement Element { get; }

    /// <summary>Whether the value is kept as <see cref="Element"/>.</summary>
    public bool IsElement => Element.ValueKind != JsonValueKind.Undefined;

    /// <summary>Whether the value is an object or array kept as <see cref="Element"/>.</summary>
    public bool IsElementContainer => Element.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

    /// <summary>Whether the value is defined and not JSON null.</summary>
    public bool HasNonNullValue => IsElement || (_value is not null && !ReferenceEquals(_value, JsonNull));

    /// <summary>Whether the value is the empty string.</summary>
    public bool IsEmptyString => IsElement
        ? Element.ValueKind == JsonValueKind.String && Element.ValueEquals(ReadOnlySpan<byte>.Empty)
        : JsonNodes.TryGetString(Node, out string s) && s.Length == 0;

    /// <summary>A node value.</summary>
    public static CompiledValue Of(JsonNode? node) => new(node ?? JsonNull);

    /// <summary>An object of compiled field keys.</summary>
    public static CompiledValue Of(MappedObject mapped) => new(mapped);

    /// <summary>
    /// A value copied from an element (the event or the mapping, which outlive the result and are never changed):
    /// kept as the element, JSON null as a null node.
    /// </summary>
    public static CompiledValue OfElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => new(JsonNull),
        _ => new(element),
    };

    /// <summary>From the interpreter's result.</summary>
    public static CompiledValue Of(Resolved resolved) => resolved.IsDefined ? Of(resolved.Value) : default;

    /// <summary>The value as a node (a mapped object becomes its <see cref="JsonObject"/>, built once; an element a fresh node tree).</summary>
    public JsonNode? ToNode() => Mapped is { } mapped ? mapped.ToJsonObject() : IsElement ? JsonNodes.FromElement(Element) : Node;
}
