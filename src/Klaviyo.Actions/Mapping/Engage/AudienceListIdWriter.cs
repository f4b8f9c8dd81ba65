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
    private const string ExternalAudienceId = "external_audience_id";

    /// <summary>The objects above <c>external_audience_id</c>, from the event's root.</summary>
    private static readonly string[] Path = ["context", "personas"];

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
            WriteLevel(writer, root, 0, listId);
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

    /// <summary>
    /// Copies an object; the member named <c>Path[depth]</c> (when it is an object) is copied the same way one level
    /// down, and at the last level <c>external_audience_id</c> is set.
    /// </summary>
    private static void WriteLevel(Utf8JsonWriter writer, JsonElement obj, int depth, string listId)
    {
        if (depth == Path.Length)
        {
            WritePersonas(writer, obj, listId);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && property.NameEquals(Path[depth]))
            {
                writer.WritePropertyName(Path[depth]);
                WriteLevel(writer, property.Value, depth + 1, listId);
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
