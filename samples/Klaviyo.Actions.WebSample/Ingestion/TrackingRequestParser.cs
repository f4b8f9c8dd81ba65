using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Reads a tracking call's body into messages, applying Segment's per-message and per-batch limits. Only a body
/// that is not JSON at all, that is not an object, a batch without one <c>batch</c> array, too many messages or a
/// size limit refuse the whole call (400). Every other problem stays with its message: a message that cannot be
/// read (duplicate keys, invalid Unicode, nested deeper than <see cref="SegmentEvent.MaxDepth"/>, not an object)
/// is rejected alone with its reason and the rest of the call is kept. What a message means is left to the destination.
/// </summary>
internal sealed class TrackingRequestParser(MessageNormalizer normalizer)
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = SegmentEvent.MaxDepth + 1 };
    private static readonly JsonReaderOptions ScanOptions = new() { MaxDepth = int.MaxValue / 2 };

    /// <summary>Rules of <see cref="SegmentEvent.Parse(ReadOnlyMemory{byte})"/> that mean a message cannot be read as JSON at all.</summary>
    private static readonly HashSet<string> UnreadableRules = new(StringComparer.Ordinal)
    {
        "json", "object", "max_depth", "duplicate_key", "invalid_unicode",
    };

    /// <summary>Reads the body of a call to a single-message route (<paramref name="routeType"/>) or to <c>/v1/batch</c> (null).</summary>
    public TrackingRequest Parse(byte[] body, string? routeType, out TrackingProblem? problem)
    {
        problem = null;
        var reader = new Utf8JsonReader(body, ScanOptions);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            problem = TrackingProblem.InvalidJson($"line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}.");
            return Empty;
        }

        var properties = ReadTopLevel(body);
        if (properties is null)
        {
            problem = TrackingProblem.InvalidRequest("The body must be a JSON object.");
            return Empty;
        }

        string? writeKey = ReadWriteKey(body, properties);
        if (routeType is not null)
        {
            var unreadable = new List<UnreadableMessage>();
            var message = ReadMessage(body, routeType, batch: null, "$", unreadable);
            return new TrackingRequest(message is null ? [] : [message], writeKey, unreadable);
        }

        return ParseBatch(body, properties, writeKey, out problem);
    }

    private static TrackingRequest Empty { get; } = new([], null, []);

    private TrackingRequest ParseBatch(byte[] body, List<(string? Name, Range Value)> properties, string? writeKey, out TrackingProblem? problem)
    {
        problem = null;
        var batches = properties.Where(p => p.Name == "batch").ToList();
        if (batches.Count > 1)
        {
            problem = TrackingProblem.InvalidRequest("batch: given more than once; send one array of messages.");
            return Empty;
        }

        if (batches.Count == 0 || body[batches[0].Value.Start] != (byte)'[')
        {
            problem = TrackingProblem.InvalidRequest("batch: required, an array of messages.");
            return Empty;
        }

        var items = ReadArrayItems(body, batches[0].Value);
        if (items.Count > TrackingLimits.MaxBatchMessages)
        {
            problem = TrackingProblem.InvalidRequest($"batch: at most {TrackingLimits.MaxBatchMessages} messages per request (got {items.Count}).");
            return Empty;
        }

        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].GetOffsetAndLength(body.Length).Length > TrackingLimits.MaxMessageBytes)
            {
                problem = TrackingProblem.TooLarge($"batch[{i}]", TrackingLimits.MaxMessageBytes);
                return Empty;
            }
        }

        var shared = new JsonObject();
        foreach (string name in (string[])["context", "integrations"])
        {
            var matches = properties.Where(p => p.Name == name).ToList();
            if (matches.Count == 1 && TryReadObject(body.AsMemory(matches[0].Value), out var value))
            {
                shared[name] = value;
            }
        }

        var messages = new List<JsonObject>(items.Count);
        var unreadable = new List<UnreadableMessage>();
        for (int i = 0; i < items.Count; i++)
        {
            var message = ReadMessage(body.AsMemory(items[i]), routeType: null, shared, $"batch[{i}]", unreadable);
            if (message is not null)
            {
                messages.Add(message);
            }
        }

        return new TrackingRequest(messages, writeKey, unreadable);
    }

    /// <summary>A readable message, completed; otherwise null, with the reason added to <paramref name="unreadable"/>.</summary>
    private JsonObject? ReadMessage(ReadOnlyMemory<byte> json, string? routeType, JsonObject? batch, string where, List<UnreadableMessage> unreadable)
    {
        try
        {
            SegmentEvent.Parse(json);
        }
        catch (SegmentEventException ex) when (UnreadableRules.Contains(ex.Rule))
        {
            unreadable.Add(new UnreadableMessage(SegmentEvent.TryReadMessageId(json.Span), $"{where}: {ex.Rule}"));
            return null;
        }
        catch (SegmentEventException)
        {
            // Readable JSON; what it means (type, ids, ...) is judged once the message is completed.
        }

        if (!TryReadObject(json, out var message, out bool duplicateKey))
        {
            unreadable.Add(new UnreadableMessage(SegmentEvent.TryReadMessageId(json.Span), $"{where}: {(duplicateKey ? "duplicate_key" : "object")}"));
            return null;
        }

        normalizer.Complete(message!, routeType, batch);
        return message;
    }

    private static bool TryReadObject(ReadOnlyMemory<byte> json, out JsonObject? value) => TryReadObject(json, out value, out _);

    /// <summary>Reads a JSON object node; a node cannot hold a key twice, so a duplicate key makes the message unreadable here.</summary>
    private static bool TryReadObject(ReadOnlyMemory<byte> json, out JsonObject? value, out bool duplicateKey)
    {
        value = null;
        duplicateKey = false;
        try
        {
            value = JsonNode.Parse(json.Span, NodeOptions, DocumentOptions) as JsonObject;

            // Counting builds the object's properties now, so a problem shows here rather than later.
            return value is not null && value.Count >= 0;
        }
        catch (ArgumentException)
        {
            value = null;
            duplicateKey = true;
            return false;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>The body's top-level properties (name, or null when unreadable, and value range), or null when it is not an object.</summary>
    private static List<(string? Name, Range Value)>? ReadTopLevel(byte[] body)
    {
        var reader = new Utf8JsonReader(body, ScanOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var properties = new List<(string?, Range)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? name;
            try
            {
                name = reader.GetString();
            }
            catch (InvalidOperationException)
            {
                name = null;
            }

            reader.Read();
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            properties.Add((name, start..(int)reader.BytesConsumed));
        }

        return properties;
    }

    private static List<Range> ReadArrayItems(byte[] body, Range array)
    {
        var (offset, length) = array.GetOffsetAndLength(body.Length);
        var reader = new Utf8JsonReader(body.AsSpan(offset, length), ScanOptions);
        reader.Read();
        var items = new List<Range>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int start = offset + (int)reader.TokenStartIndex;
            reader.Skip();
            items.Add(start..(offset + (int)reader.BytesConsumed));
        }

        return items;
    }

    /// <summary>The body's <c>writeKey</c>: null when missing, not a readable string, or given more than once.</summary>
    private static string? ReadWriteKey(byte[] body, List<(string? Name, Range Value)> properties)
    {
        var keys = properties.Where(p => p.Name == "writeKey").ToList();
        if (keys.Count != 1)
        {
            return null;
        }

        var reader = new Utf8JsonReader(body.AsSpan(keys[0].Value), ScanOptions);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
