using System.Text.Json.Nodes;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Completes a message the way Segment's tracking API does before handing it on: the call's type when the route
/// implies it, a <c>messageId</c> when missing (so retries stay deduplicated downstream), <c>receivedAt</c>, a
/// <c>timestamp</c> (the time received when the sender gave none), and the batch's <c>context</c> and
/// <c>integrations</c> for messages without their own.
/// </summary>
internal sealed class MessageNormalizer(TimeProvider timeProvider)
{
    /// <summary>Completes <paramref name="message"/> in place.</summary>
    /// <param name="message">The message.</param>
    /// <param name="routeType">The type the route implies (<c>/v1/track</c> → track), or null for batch items.</param>
    /// <param name="batch">The enclosing batch body, for its shared <c>context</c>/<c>integrations</c>.</param>
    public void Complete(JsonObject message, string? routeType, JsonObject? batch)
    {
        string receivedAt = timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (routeType is not null)
        {
            message["type"] = routeType;
        }

        if (IsMissing(message, "messageId"))
        {
            message["messageId"] = "ws-" + Guid.NewGuid().ToString("N");
        }

        if (IsMissing(message, "timestamp"))
        {
            message["timestamp"] = receivedAt;
        }

        message["receivedAt"] = receivedAt;
        message.Remove("writeKey");
        if (batch is not null)
        {
            Inherit(message, batch, "context");
            Inherit(message, batch, "integrations");
        }
    }

    private static bool IsMissing(JsonObject message, string name) =>
        !message.TryGetPropertyValue(name, out var value) || value is null ||
        (value is JsonValue v && v.TryGetValue(out string? text) && string.IsNullOrWhiteSpace(text));

    private static void Inherit(JsonObject message, JsonObject batch, string name)
    {
        if (IsMissing(message, name) && batch[name] is JsonObject shared)
        {
            message[name] = shared.DeepClone();
        }
    }
}
