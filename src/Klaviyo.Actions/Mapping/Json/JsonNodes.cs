using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klaviyo.Actions.Mapping.Json;

/// <summary>
/// Conversions between the immutable <see cref="JsonElement"/> inputs (events, mappings) and the
/// private <see cref="JsonNode"/> trees that mapping produces, plus the CLR values handed to requests.
/// </summary>
internal static class JsonNodes
{
    /// <summary>Deep-copies an element into a new, private node tree (<see langword="null"/> for JSON null).</summary>
    public static JsonNode? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    // Later duplicates win, as in JavaScript's JSON.parse.
                    obj[property.Name] = FromElement(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromElement(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString()!);
            case JsonValueKind.Number:
                return JsonValue.Create(element.Clone());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    /// <summary>Turns a node tree into an immutable element (a <c>null</c> element for <see langword="null"/>).</summary>
    public static JsonElement ToElement(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 256 });
        return document.RootElement.Clone();
    }

    /// <summary>Serializes a node compactly, escaping only what JavaScript's <c>JSON.stringify</c> escapes.</summary>
    public static string ToJsonString(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Copies a node (nodes cannot have two parents).</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>The JSON kind of a node.</summary>
    public static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    /// <summary>Reads a string node.</summary>
    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.TryGetValue(out string? s))
        {
            value = s;
            return true;
        }

        if (node is JsonValue e && e.TryGetValue(out JsonElement element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Reads a number node as a double (the JavaScript number), when it is finite.</summary>
    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out JsonElement element))
        {
            return element.TryGetDouble(out value) && double.IsFinite(value);
        }

        if (v.TryGetValue(out double d))
        {
            value = d;
            return double.IsFinite(d);
        }

        if (v.TryGetValue(out decimal m))
        {
            value = (double)m;
            return true;
        }

        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        return false;
    }

    /// <summary>Reads a number node as a decimal, when it fits.</summary>
    public static bool TryGetDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out JsonElement element))
        {
            return element.TryGetDecimal(out value);
        }

        if (v.TryGetValue(out decimal m))
        {
            value = m;
            return true;
        }

        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        if (v.TryGetValue(out double d) && double.IsFinite(d) && Math.Abs(d) < 7.9e28)
        {
            value = (decimal)d;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Converts a node into the plain CLR values request dictionaries carry: <see cref="string"/>,
    /// <see cref="bool"/>, <see cref="long"/>, <see cref="decimal"/> or <see cref="double"/>,
    /// <see cref="Dictionary{TKey, TValue}"/> (string to object) and <see cref="List{T}"/> (object).
    /// </summary>
    public static object? ToClr(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                return ToDictionary(obj);
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(ToClr(item));
                }

                return list;
        }

        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                TryGetString(node, out string s);
                return s;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return ToClrNumber(node);
            default:
                return null;
        }
    }

    /// <summary>Converts an object node to a dictionary of CLR values (keys in document order).</summary>
    public static Dictionary<string, object?> ToDictionary(JsonObject obj)
    {
        var dictionary = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            dictionary[key] = ToClr(value);
        }

        return dictionary;
    }

    private static object ToClrNumber(JsonNode node)
    {
        var value = (JsonValue)node;
        if (value.TryGetValue(out JsonElement element))
        {
            if (element.TryGetInt64(out long l))
            {
                return l;
            }

            if (element.TryGetDecimal(out decimal m))
            {
                return m;
            }

            return element.TryGetDouble(out double d) ? d : element.GetRawText();
        }

        if (value.TryGetValue(out long l2))
        {
            return l2;
        }

        if (value.TryGetValue(out int i))
        {
            return (long)i;
        }

        if (value.TryGetValue(out decimal m2))
        {
            return m2;
        }

        return value.TryGetValue(out double d2) ? d2 : 0d;
    }

    /// <summary>JavaScript's <c>String(value)</c> for a JSON value (null/undefined give the given fallback).</summary>
    public static string JsString(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "[object Object]";
            case JsonArray array:
                return string.Join(",", array.Select(item => item is null ? string.Empty : JsString(item)));
        }

        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                TryGetString(node, out string s);
                return s;
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                return JsNumber(node);
            default:
                return "null";
        }
    }

    /// <summary>Formats a number node the way JavaScript's <c>String(number)</c> does for usual values.</summary>
    public static string JsNumber(JsonNode node)
    {
        if (node is JsonValue v && v.TryGetValue(out JsonElement element))
        {
            string raw = element.GetRawText();
            if (IsPlainInteger(raw))
            {
                return raw.StartsWith("-0", StringComparison.Ordinal) && raw.Trim('-', '0').Length == 0 ? "0" : raw;
            }
        }

        return TryGetDouble(node, out double d) ? FormatDouble(d) : "NaN";
    }

    /// <summary>Formats a double like JavaScript's <c>Number.prototype.toString()</c> for usual values.</summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        if (d == Math.Floor(d) && Math.Abs(d) < 1e21)
        {
            return ((decimal)d).ToString(CultureInfo.InvariantCulture);
        }

        string r = d.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }

        string mantissa = r[..e];
        int exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < 0 && exponent >= -6)
        {
            return d.ToString("0.#####################", CultureInfo.InvariantCulture);
        }

        return mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript truthiness of a JSON value as it appears in a mapping.</summary>
    public static bool IsTruthy(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False => false,
        JsonValueKind.String => element.GetString()!.Length > 0,
        JsonValueKind.Number => element.TryGetDouble(out double d) && d != 0 && !double.IsNaN(d),
        _ => true,
    };

    private static bool IsPlainInteger(string raw)
    {
        int start = raw.StartsWith('-') ? 1 : 0;
        if (raw.Length == start || raw.Length - start > 15)
        {
            return false;
        }

        for (int i = start; i < raw.Length; i++)
        {
            if (!char.IsAsciiDigit(raw[i]))
            {
                return false;
            }
        }

        return true;
    }
}
