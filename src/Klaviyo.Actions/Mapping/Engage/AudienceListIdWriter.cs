using System.Buffers;
using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Engage;

/// <summary>
/// Copies an Engage event with <c>context.personas.external_audience_id</c> set to a list id, in one pass over the
/// event's JSON (no node tree). Every other byte of the event is copied as it is. An existing
/// <c>external_audience_id</c> is replaced where it stands and a missing one is appended to <c>personas</c>; when
/// the event repeats <c>context</c>, <c>personas</c> or <c>external_audience_id</c>, every copy is rewritten, so the
/// copy a reader picks (JSON's later-wins rule) holds the list id.
/// </summary>
internal static class AudienceListIdWriter
{
    private const string Context = "context";
    private const string Personas = "personas";
    private const string ExternalAudienceId = "external_audience_id";

    /// <summary>A thread keeps its scratch buffer up to this size (events are a few KB; Segment caps them at 32 KB).</summary>
    private const int MaxRetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The event's JSON with the list id in <c>context.personas.external_audience_id</c>, as a detached element.</summary>
    /// <param name="root">The event (an object whose <c>context.personas</c> is an object).</param>
    /// <param name="listId">The resolved Klaviyo list.</param>
    public static JsonElement With(JsonElement root, string listId)
    {
        // The scratch buffer and writer are reused per thread; only the detached result is allocated.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            WriteRoot(writer, root, listId);
            writer.Flush();
            var reader = new Utf8JsonReader(buffer.WrittenSpan, new JsonReaderOptions { MaxDepth = 256 });
            return JsonElement.ParseValue(ref reader);
        }
        finally
        {
            if (buffer.Capacity > MaxRetainedBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
            else
            {
                buffer.Clear();
            }
        }
    }

    private static void WriteRoot(Utf8JsonWriter writer, JsonElement root, string listId)
    {
        writer.WriteStartObject();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && property.NameEquals(Context))
            {
                writer.WritePropertyName(Context);
                WriteContext(writer, property.Value, listId);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteContext(Utf8JsonWriter writer, JsonElement context, string listId)
    {
        writer.WriteStartObject();
        foreach (var property in context.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && property.NameEquals(Personas))
            {
                writer.WritePropertyName(Personas);
                WritePersonas(writer, property.Value, listId);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WritePersonas(Utf8JsonWriter writer, JsonElement personas, string listId)
    {
        writer.WriteStartObject();
        bool written = false;
        foreach (var property in personas.EnumerateObject())
        {
            if (property.NameEquals(ExternalAudienceId))
            {
                writer.WriteString(ExternalAudienceId, listId);
                written = true;
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        if (!written)
        {
            writer.WriteString(ExternalAudienceId, listId);
        }

        writer.WriteEndObject();
    }
}
