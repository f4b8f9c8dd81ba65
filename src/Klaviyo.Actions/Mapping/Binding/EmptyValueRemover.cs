using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Segment's <c>removeEmptyValues</c> for single events, applied to the mapped payload before validation:
/// <c>null</c> is removed wherever the field does not allow it (only <c>location.*</c> does); <c>""</c> is
/// removed wherever the field is not a string, and at the root for every field. Free-form objects (such as
/// <c>properties</c>) lose their <c>null</c> and <c>""</c> values at every depth; array items that become
/// empty are removed. Whitespace strings are kept.
/// </summary>
internal static class EmptyValueRemover
{
    /// <summary>Cleans a mapped payload in place.</summary>
    public static void Clean(JsonObject payload, IReadOnlyList<FieldSpec> fields)
    {
        foreach (var key in payload.Select(p => p.Key).ToList())
        {
            var spec = fields.FirstOrDefault(f => f.Key == key);
            var value = payload[key];
            if (value is null || IsEmptyString(value))
            {
                payload.Remove(key);
                continue;
            }

            CleanChildren(value, spec);
        }
    }

    private static bool Keep(JsonNode? value, FieldSpec? spec)
    {
        if (value is null)
        {
            return spec?.Nullable == true;
        }

        if (IsEmptyString(value))
        {
            return spec?.Kind is FieldKind.String or FieldKind.DateTime;
        }

        CleanChildren(value, spec);
        return true;
    }

    private static void CleanChildren(JsonNode value, FieldSpec? spec)
    {
        switch (value)
        {
            case JsonObject obj:
                // An object field with declared sub-fields checks each against its declaration; undeclared keys
                // (and every key of a free-form object) have no type, so null and "" go.
                bool declared = spec?.Properties is not null && spec.Kind == FieldKind.Object;
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = declared ? spec!.Sub(key) : null;
                    if (!Keep(obj[key], child))
                    {
                        obj.Remove(key);
                    }
                }

                break;
            case JsonArray array:
                var itemSpec = spec?.Kind switch
                {
                    FieldKind.StringArray => spec with { Kind = FieldKind.String },
                    _ => null,
                };
                for (int i = array.Count - 1; i >= 0; i--)
                {
                    if (!Keep(array[i], itemSpec))
                    {
                        array.RemoveAt(i);
                    }
                }

                break;
        }
    }

    private static bool IsEmptyString(JsonNode value) => JsonNodes.TryGetString(value, out string s) && s.Length == 0;
}
