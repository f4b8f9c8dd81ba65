namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>The JSON Schema type of a Segment action field.</summary>
internal enum FieldKind
{
    /// <summary>A string; numbers and booleans are coerced to text.</summary>
    String,

    /// <summary>A number; numeric strings are coerced.</summary>
    Number,

    /// <summary>A boolean; <c>"true"</c>/<c>"false"</c> and 1/0 are coerced.</summary>
    Boolean,

    /// <summary>Segment's <c>datetime</c>: a date-like string or an epoch number.</summary>
    DateTime,

    /// <summary>An object (free-form unless <see cref="FieldSpec.Properties"/> is set).</summary>
    Object,

    /// <summary>An object field marked <c>multiple</c>: an array of objects (a single object becomes one item).</summary>
    ObjectArray,

    /// <summary>A string field marked <c>multiple</c> (<c>batch_keys</c>).</summary>
    StringArray,
}

/// <summary>One field of an action as Segment declares it: key, label, type, and the flags that drive
/// empty-value removal and validation.</summary>
/// <param name="Key">The Segment field key, e.g. <c>phone_number</c>.</param>
/// <param name="Label">The Segment label used in messages, e.g. <c>Phone Number</c>.</param>
/// <param name="Kind">The type.</param>
/// <param name="Required">Whether Segment requires the field.</param>
/// <param name="Nullable">Whether <c>null</c> is allowed (kept instead of removed).</param>
/// <param name="Properties">Declared sub-fields of an object field; <see langword="null"/> when free-form.</param>
/// <param name="AdditionalProperties">Whether an object with declared sub-fields also keeps other keys.</param>
internal sealed record FieldSpec(
    string Key,
    string Label,
    FieldKind Kind,
    bool Required = false,
    bool Nullable = false,
    IReadOnlyList<FieldSpec>? Properties = null,
    bool AdditionalProperties = false)
{
    /// <summary>A declared sub-field by key.</summary>
    public FieldSpec? Sub(string key)
    {
        if (Properties is { } properties)
        {
            for (int i = 0; i < properties.Count; i++)
            {
                if (properties[i].Key == key)
                {
                    return properties[i];
                }
            }
        }

        return null;
    }
}
