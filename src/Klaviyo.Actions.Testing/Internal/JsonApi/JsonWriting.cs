using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.JsonApi;

/// <summary>Small helpers for writing response documents.</summary>
internal static class JsonWriting
{
    public static byte[] Build<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Klaviyo's timestamp form: <c>2024-05-10T00:00:00+00:00</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static void WriteTimestamp(this Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, Timestamp(time));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteElementOrNull(this Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, JsonElement> values, string key)
    {
        writer.WritePropertyName(name);
        if (values.TryGetValue(key, out var value))
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    public static void WriteDictionary(this Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, JsonElement> values)
    {
        writer.WriteStartObject(name);
        foreach (var pair in values)
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
