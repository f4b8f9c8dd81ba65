using System.Text.Json;

namespace Klaviyo.Actions.Api.Json;

/// <summary>
/// Writes typed text fields (metric name, <c>unique_id</c>, email, first name, ...), refusing text that is not valid
/// Unicode (a lone surrogate, an emoji cut in half) as rule <c>invalid_unicode</c> with the field's name, before the JSON
/// writer would fail on it.
/// </summary>
internal static class WireText
{
    /// <summary>Writes <paramref name="name"/>: <paramref name="value"/>.</summary>
    /// <exception cref="WireValueException"><paramref name="value"/> is not valid UTF-16.</exception>
    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, string value)
    {
        Check(value, name.Value);
        writer.WriteString(name, value);
    }

    /// <summary>Writes <paramref name="name"/>: <paramref name="value"/>.</summary>
    /// <exception cref="WireValueException"><paramref name="value"/> is not valid UTF-16.</exception>
    public static void Write(Utf8JsonWriter writer, string name, string value)
    {
        Check(value, name);
        writer.WriteString(name, value);
    }

    /// <summary>Writes <paramref name="value"/> as a string value (the field's name is not known here: <c>$</c>).</summary>
    /// <exception cref="WireValueException"><paramref name="value"/> is not valid UTF-16.</exception>
    public static void WriteValue(Utf8JsonWriter writer, string value)
    {
        Check(value, "$");
        writer.WriteStringValue(value);
    }

    /// <summary><paramref name="value"/> when it is valid UTF-16; otherwise rule <c>invalid_unicode</c> naming <paramref name="field"/>.</summary>
    /// <exception cref="WireValueException"><paramref name="value"/> is not valid UTF-16.</exception>
    public static string Check(string value, string field) =>
        ValueRules.IsValidUnicode(value)
            ? value
            : throw new WireValueException(field, ValueRules.InvalidUnicode, $"'{field}' is not valid Unicode (a lone surrogate).");
}
