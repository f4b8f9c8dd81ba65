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

            CleanChildren(value, Find(fields, payload.KeyAt(i)));
        }
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
            else if (child.Mapped is not null)
            {
                CleanChildren(child, childSpec);
            }
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
