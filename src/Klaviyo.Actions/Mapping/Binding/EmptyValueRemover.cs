using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;
using Klaviyo.Actions.Mapping.Kit.Compiled;

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
        // By position: removing a key shifts the later ones down, so the index moves on only past a kept key.
        int i = 0;
        while (i < payload.Count)
        {
            var (key, value) = payload.GetAt(i);
            if (value is null || IsEmptyString(value))
            {
                payload.RemoveAt(i);
                continue;
            }

            CleanChildren(value, Find(fields, key));
            i++;
        }
    }

    /// <summary>Cleans a mapped payload kept as compiled slots in place (same rules as for a <see cref="JsonObject"/>).</summary>
    public static void Clean(MappedObject payload, IReadOnlyList<FieldSpec> fields)
    {
        for (int i = 0; i < payload.SlotCount; i++)
        {
            var value = payload.ValueAt(i);
            if (!value.IsDefined)
            {
                continue;
            }

            if (!value.HasNonNullValue || value.IsEmptyString)
            {
                payload.Undefine(i);
                continue;
            }

            CleanChildren(payload, i, Find(fields, payload.KeyAt(i)));
        }

        payload.MarkCleaned();
    }

    /// <summary>
    /// A free-form value (an object or array of the event kept as an element) as the node tree empty-value removal
    /// leaves: null and "" removed at every depth.
    /// </summary>
    public static JsonNode? FreeFormNode(JsonElement element)
    {
        var node = JsonNodes.FromElement(element);
        if (node is not null)
        {
            CleanChildren(node, null);
        }

        return node;
    }

    /// <summary>
    /// As <see cref="JsonNodes.ToClr"/> over <see cref="FreeFormNode"/>, without the node tree when the element
    /// has no key or item to remove and no duplicate key (otherwise through the node tree, for the same key order).
    /// </summary>
    public static object? FreeFormClr(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dictionary = new Dictionary<string, object?>(PropertyCount(element), StringComparer.Ordinal);
                int properties = 0;
                foreach (var property in element.EnumerateObject())
                {
                    properties++;
                    if (IsEmpty(property.Value))
                    {
                        return JsonNodes.ToClr(FreeFormNode(element));
                    }

                    dictionary[property.Name] = FreeFormClr(property.Value);
                }

                return dictionary.Count == properties ? dictionary : JsonNodes.ToClr(FreeFormNode(element));
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsEmpty(item))
                    {
                        list.Add(FreeFormClr(item));
                    }
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out long l))
                {
                    return l;
                }

                if (element.TryGetDecimal(out decimal m))
                {
                    return m;
                }

                return element.TryGetDouble(out double d) ? d : element.GetRawText();
            default:
                return null;
        }
    }

    /// <summary>The number of properties (duplicates included), so a dictionary is sized once.</summary>
    private static int PropertyCount(JsonElement obj)
    {
#if NET9_0_OR_GREATER
        return obj.GetPropertyCount();
#else
        int count = 0;
        foreach (var property in obj.EnumerateObject())
        {
            count++;
        }

        return count;
#endif
    }

    private static bool IsEmpty(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null || (element.ValueKind == JsonValueKind.String && element.ValueEquals(ReadOnlySpan<byte>.Empty));

    /// <summary>
    /// Whether an object or array under <paramref name="spec"/> is cleaned free-form (null and "" removed at every
    /// depth), so it can stay an element until read; an object with declared sub-fields or a string array cannot.
    /// </summary>
    private static bool IsFreeForm(FieldSpec? spec) =>
        spec is null || (spec.Kind != FieldKind.StringArray && !(spec.Kind == FieldKind.Object && spec.Properties is not null));

    /// <summary>Cleans the children of a defined, non-empty slot.</summary>
    private static void CleanChildren(MappedObject owner, int slot, FieldSpec? spec)
    {
        var value = owner.ValueAt(slot);
        if (value.IsElementContainer && !IsFreeForm(spec))
        {
            var node = JsonNodes.FromElement(value.Element)!;
            owner.Set(slot, CompiledValue.Of(node));
            CleanChildren(node, spec);
            return;
        }

        CleanChildren(value, spec);
    }

    private static void CleanChildren(CompiledValue value, FieldSpec? spec)
    {
        if (value.IsElement)
        {
            return;
        }

        if (value.Mapped is not { } obj)
        {
            CleanChildren(value.Node!, spec);
            return;
        }

        // As the JsonObject case below: declared sub-fields are checked against their declaration, other keys have no type.
        bool declared = spec?.Properties is not null && spec.Kind == FieldKind.Object;
        for (int i = 0; i < obj.SlotCount; i++)
        {
            var child = obj.ValueAt(i);
            if (!child.IsDefined)
            {
                continue;
            }

            var childSpec = declared ? spec!.Sub(obj.KeyAt(i)) : null;
            bool keep = child.Mapped is not null
                || (child.IsElement ? !child.IsEmptyString || childSpec?.Kind is FieldKind.String or FieldKind.DateTime : Keep(child.Node, childSpec));
            if (!keep)
            {
                obj.Undefine(i);
            }
            else if (child.Mapped is not null || child.IsElementContainer)
            {
                CleanChildren(obj, i, childSpec);
            }
        }

        obj.MarkCleaned();
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
                int index = 0;
                while (index < obj.Count)
                {
                    var (key, child) = obj.GetAt(index);
                    if (Keep(child, declared ? spec!.Sub(key) : null))
                    {
                        index++;
                    }
                    else
                    {
                        obj.RemoveAt(index);
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

    private static FieldSpec? Find(IReadOnlyList<FieldSpec> fields, string key)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Key == key)
            {
                return fields[i];
            }
        }

        return null;
    }

    private static bool IsEmptyString(JsonNode? value) => JsonNodes.TryGetString(value, out string s) && s.Length == 0;
}
