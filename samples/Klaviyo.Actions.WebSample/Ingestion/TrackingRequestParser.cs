using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Reads a tracking call's body into messages, applying Segment's per-message and per-batch limits. A body that
/// is not JSON, a batch without a <c>batch</c> array, too many messages or one message over 32 KB refuse the whole
/// call (400), as Segment does; what a message means is left to the destination.
/// </summary>
internal sealed class TrackingRequestParser(MessageNormalizer normalizer)
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    /// <summary>Reads the body of a call to a single-message route (<paramref name="routeType"/>) or to <c>/v1/batch</c> (null).</summary>
    public TrackingRequest Parse(byte[] body, string? routeType, out TrackingProblem? problem)
    {
        problem = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, NodeOptions, DocumentOptions);
        }
        catch (JsonException ex)
        {
            problem = TrackingProblem.InvalidJson($"line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}.");
            return Empty;
        }

        if (root is not JsonObject document)
        {
            problem = TrackingProblem.InvalidRequest("The body must be a JSON object.");
            return Empty;
        }

        string? writeKey = document["writeKey"] is JsonValue key && key.TryGetValue(out string? text) ? text : null;
        if (routeType is not null)
        {
            normalizer.Complete(document, routeType, batch: null);
            return new TrackingRequest([document], writeKey);
        }

        return ParseBatch(document, writeKey, out problem);
    }

    private static TrackingRequest Empty { get; } = new([], null);

    private TrackingRequest ParseBatch(JsonObject body, string? writeKey, out TrackingProblem? problem)
    {
        problem = null;
        if (body["batch"] is not JsonArray items)
        {
            problem = TrackingProblem.InvalidRequest("batch: required, an array of messages.");
            return Empty;
        }

        if (items.Count > TrackingLimits.MaxBatchMessages)
        {
            problem = TrackingProblem.InvalidRequest($"batch: at most {TrackingLimits.MaxBatchMessages} messages per request (got {items.Count}).");
            return Empty;
        }

        var messages = new List<JsonObject>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject message)
            {
                problem = TrackingProblem.InvalidRequest($"batch[{i}]: must be a JSON object.");
                return Empty;
            }

            if (Encoding.UTF8.GetByteCount(message.ToJsonString()) > TrackingLimits.MaxMessageBytes)
            {
                problem = TrackingProblem.TooLarge($"batch[{i}]", TrackingLimits.MaxMessageBytes);
                return Empty;
            }

            messages.Add(message);
        }

        foreach (var message in messages)
        {
            normalizer.Complete(message, routeType: null, body);
        }

        return new TrackingRequest(messages, writeKey);
    }
}
