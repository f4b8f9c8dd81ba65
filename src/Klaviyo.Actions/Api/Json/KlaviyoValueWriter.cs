using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klaviyo.Actions.Api.Json;

/// <summary>
/// Writes caller-supplied free-form values (event and profile <c>properties</c>, extra profile attributes)
/// as JSON without reflection.
/// </summary>
/// <remarks>
/// Supported: <see langword="null"/>, <see cref="string"/>, <see cref="bool"/>, every numeric primitive and
/// <see cref="decimal"/>, <see cref="DateTime"/> and <see cref="DateTimeOffset"/> (ISO 8601), <see cref="Guid"/>,
/// <see cref="JsonElement"/>, <see cref="JsonNode"/>, dictionaries with string keys, and arrays or other
/// enumerables of these. Anything else raises <see cref="WireValueException"/> (rule
/// <c>unsupported_type</c>) naming the value's path; objects and arrays nested more than
/// <see cref="MaxDepth"/> levels raise rule <c>max_depth</c> (which also stops reference cycles).
/// In canonical mode object keys are written in ordinal order and decimals without trailing zeros, so equal
/// inputs give byte-identical output (used to derive event ids).
/// </remarks>
internal static class KlaviyoValueWriter
{
    /// <summary>The deepest nesting of objects and arrays, counting the root object as level 1 (Klaviyo's limit).</summary>
    public const int MaxDepth = 10;

    /// <summary>Writes a dictionary as a JSON object at nesting level 1.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="values">The entries.</param>
    /// <param name="path">The field name used in errors, e.g. <c>properties</c>.</param>
    /// <param name="canonical">Whether to sort keys and normalize decimals.</param>
    public static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values, string path, bool canonical = false)
    {
        WriteEntries(writer, values, ValuePath.Of(path), depth: 1, canonical);
    }

    /// <summary>Writes one value nested inside an object or array at <paramref name="parentDepth"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="path">The value's path, used in errors.</param>
    /// <param name="parentDepth">The nesting level of the containing object (1 for a root object's members).</param>
    /// <param name="canonical">Whether to sort keys and normalize decimals.</param>
    public static void WriteValue(Utf8JsonWriter writer, object? value, string path, int parentDepth, bool canonical = false) =>
        WriteValue(writer, value, ValuePath.Of(path), parentDepth, canonical);

    private static void WriteValue(Utf8JsonWriter writer, object? value, ValuePath path, int parentDepth, bool canonical)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(CheckUnicode(s, path));
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case decimal m:
                writer.WriteNumberValue(canonical ? Normalize(m) : m);
                return;
            case double d:
                writer.WriteNumberValue(Finite(d, path));
                return;
            case float f:
                writer.WriteNumberValue(Finite(f, path));
                return;
            case short sh:
                writer.WriteNumberValue(sh);
                return;
            case byte by:
                writer.WriteNumberValue(by);
                return;
            case sbyte sb:
                writer.WriteNumberValue(sb);
                return;
            case ushort us:
                writer.WriteNumberValue(us);
                return;
            case uint ui:
                writer.WriteNumberValue(ui);
                return;
            case ulong ul:
                writer.WriteNumberValue(ul);
                return;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto);
                return;
            case DateTime dt:
                writer.WriteStringValue(dt);
                return;
            case Guid g:
                writer.WriteStringValue(g);
                return;
            case JsonElement element:
                WriteElement(writer, element, path, parentDepth, canonical);
                return;
            case JsonNode node:
                WriteNode(writer, node, path, parentDepth, canonical);
                return;
            case IReadOnlyDictionary<string, object?> dictionary:
                WriteEntries(writer, dictionary, path, Enter(parentDepth, path), canonical);
                return;
            case IDictionary<string, object?> dictionary:
                WriteEntries(writer, dictionary, path, Enter(parentDepth, path), canonical);
                return;
            case IDictionary dictionary:
                WriteEntries(writer, StringKeyed(dictionary, path), path, Enter(parentDepth, path), canonical);
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                WriteEntries(writer, pairs, path, Enter(parentDepth, path), canonical);
                return;
            case IEnumerable sequence:
                WriteSequence(writer, sequence, path, Enter(parentDepth, path), canonical);
                return;
            default:
                throw Unsupported(path, value.GetType());
        }
    }

    private static void WriteEntries(
        Utf8JsonWriter writer,
        IEnumerable<KeyValuePair<string, object?>> entries,
        ValuePath path,
        int depth,
        bool canonical)
    {
        writer.WriteStartObject();
        if (!canonical && entries is Dictionary<string, object?> dictionary)
        {
            // The struct enumerator: same order as through the interface, without boxing it.
            string prefix = path.ToString();
            foreach (var (key, item) in dictionary)
            {
                writer.WritePropertyName(CheckUnicode(key, path));
                WriteValue(writer, item, ValuePath.Member(prefix, key), depth, canonical);
            }

            writer.WriteEndObject();
            return;
        }

        IEnumerable<KeyValuePair<string, object?>> ordered = canonical
            ? entries.OrderBy(entry => entry.Key, StringComparer.Ordinal)
            : entries;
        string here = path.ToString();
        foreach (var (key, item) in ordered)
        {
            writer.WritePropertyName(CheckUnicode(key, path));
            WriteValue(writer, item, ValuePath.Member(here, key), depth, canonical);
        }

        writer.WriteEndObject();
    }

    private static void WriteSequence(Utf8JsonWriter writer, IEnumerable sequence, ValuePath path, int depth, bool canonical)
    {
        writer.WriteStartArray();
        int index = 0;
        string here = path.ToString();
        foreach (object? item in sequence)
        {
            WriteValue(writer, item, ValuePath.Item(here, index), depth, canonical);
            index++;
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element, ValuePath path, int parentDepth, bool canonical)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                int depth = Enter(parentDepth, path);
                writer.WriteStartObject();
                IEnumerable<JsonProperty> properties = canonical
                    ? element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
                    : element.EnumerateObject();
                string here = path.ToString();
                foreach (var property in properties)
                {
                    string name = ElementName(property, path);
                    writer.WritePropertyName(name);
                    WriteElement(writer, property.Value, ValuePath.Member(here, name), depth, canonical);
                }

                writer.WriteEndObject();
                return;
            }

            case JsonValueKind.Array:
            {
                int depth = Enter(parentDepth, path);
                writer.WriteStartArray();
                int index = 0;
                string here = path.ToString();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item, ValuePath.Item(here, index), depth, canonical);
                    index++;
                }

                writer.WriteEndArray();
                return;
            }

            case JsonValueKind.Number when canonical && element.TryGetDecimal(out decimal number):
                writer.WriteNumberValue(Normalize(number));
                return;
            case JsonValueKind.Undefined:
                throw new WireValueException(path.ToString(), ValueRules.UnsupportedType, $"'{path}' is an undefined (default) JsonElement.");
            default:
                element.WriteTo(writer);
                return;
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode node, ValuePath path, int parentDepth, bool canonical)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                int depth = Enter(parentDepth, path);
                writer.WriteStartObject();
                IEnumerable<KeyValuePair<string, JsonNode?>> properties = canonical
                    ? obj.OrderBy(p => p.Key, StringComparer.Ordinal)
                    : obj;
                string here = path.ToString();
                foreach (var (key, child) in properties)
                {
                    writer.WritePropertyName(key);
                    WriteChild(writer, child, ValuePath.Member(here, key), depth, canonical);
                }

                writer.WriteEndObject();
                return;
            }

            case JsonArray array:
            {
                int depth = Enter(parentDepth, path);
                writer.WriteStartArray();
                string here = path.ToString();
                for (int index = 0; index < array.Count; index++)
                {
                    WriteChild(writer, array[index], ValuePath.Item(here, index), depth, canonical);
                }

                writer.WriteEndArray();
                return;
            }

            case JsonValue value when value.TryGetValue(out JsonElement element):
                WriteElement(writer, element, path, parentDepth, canonical);
                return;
            default:
                try
                {
                    node.WriteTo(writer);
                }
                catch (ArgumentException ex)
                {
                    throw new WireValueException(path.ToString(), ValueRules.NonFiniteNumber, $"'{path}' cannot be written as JSON: {ex.Message}");
                }

                return;
        }
    }

    private static void WriteChild(Utf8JsonWriter writer, JsonNode? child, ValuePath path, int parentDepth, bool canonical)
    {
        if (child is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteNode(writer, child, path, parentDepth, canonical);
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> StringKeyed(IDictionary dictionary, ValuePath path)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new WireValueException(
                    path.ToString(),
                    ValueRules.UnsupportedType,
                    $"'{path}' is a dictionary with {entry.Key.GetType().Name} keys; only string keys are supported.");
            }

            yield return new KeyValuePair<string, object?>(key, entry.Value);
        }
    }

    private static int Enter(int parentDepth, ValuePath path)
    {
        int depth = parentDepth + 1;
        if (depth > MaxDepth)
        {
            throw new WireValueException(
                path.ToString(),
                ValueRules.MaxDepth,
                $"'{path}' is nested deeper than {MaxDepth} levels (Klaviyo's limit).");
        }

        return depth;
    }

    private static double Finite(double value, ValuePath path) =>
        double.IsFinite(value)
            ? value
            : throw new WireValueException(path.ToString(), ValueRules.NonFiniteNumber, $"'{path}' is {value}, which JSON cannot represent.");

    private static float Finite(float value, ValuePath path) =>
        float.IsFinite(value)
            ? value
            : throw new WireValueException(path.ToString(), ValueRules.NonFiniteNumber, $"'{path}' is {value}, which JSON cannot represent.");

    /// <summary>Removes trailing zeros (<c>10.50m</c> → <c>10.5m</c>) so equal amounts hash equally.</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary><paramref name="text"/> when it is valid UTF-16 (no lone surrogate); otherwise rule <c>invalid_unicode</c> at <paramref name="path"/>.</summary>
    private static string CheckUnicode(string text, ValuePath path) =>
        ValueRules.IsValidUnicode(text)
            ? text
            : throw new WireValueException(path.ToString(), ValueRules.InvalidUnicode, $"'{path}' holds text that is not valid Unicode (a lone surrogate).");

    private static string ElementName(JsonProperty property, ValuePath path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new WireValueException(path.ToString(), ValueRules.InvalidUnicode, $"'{path}' has a property name that is not valid Unicode.");
        }
    }

    private static WireValueException Unsupported(ValuePath path, Type type) =>
        new(
            path.ToString(),
            ValueRules.UnsupportedType,
            $"'{path}' has unsupported type {type.FullName}; use string, bool, a number, DateTime/DateTimeOffset, Guid, JsonElement/JsonNode, a string-keyed dictionary or a list of these.");

}
