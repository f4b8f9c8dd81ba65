using System.Text.Json.Nodes;

namespace Klaviyo.Actions.Mapping.Kit;

/// <summary>
/// The result of resolving a mapping value: JavaScript <c>undefined</c> (not defined: the key is left out)
/// or a JSON value (<see langword="null"/> node for JSON <c>null</c>).
/// </summary>
internal readonly struct Resolved
{
    private Resolved(bool isDefined, JsonNode? value)
    {
        IsDefined = isDefined;
        Value = value;
    }

    /// <summary>JavaScript <c>undefined</c>.</summary>
    public static Resolved Undefined => default;

    /// <summary>Whether a value (possibly JSON null) was produced.</summary>
    public bool IsDefined { get; }

    /// <summary>The value; <see langword="null"/> for JSON null or undefined.</summary>
    public JsonNode? Value { get; }

    /// <summary>Whether the value is defined and not JSON null.</summary>
    public bool HasNonNullValue => IsDefined && Value is not null;

    /// <summary>A defined value.</summary>
    public static Resolved Of(JsonNode? value) => new(true, value);
}
