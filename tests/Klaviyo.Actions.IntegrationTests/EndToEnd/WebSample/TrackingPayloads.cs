namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>Segment tracking API bodies as analytics clients send them.</summary>
internal static class TrackingPayloads
{
    public static string Timestamp { get; } = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");

    /// <summary>
    /// A batch as analytics-node sends it: two users (identify, track, Order Completed), one identify with a bad
    /// email, a page call (no mapping), and the batch's own <c>context</c> shared by the messages.
    /// </summary>
    public static string Batch { get; } = $$"""
        {
          "batch": [
            { "type": "identify", "messageId": "m-1", "userId": "user-1", "timestamp": "{{Timestamp}}",
              "traits": { "email": "ada@shop-demo.test", "firstName": "Ada", "lastName": "Lovelace" } },
            { "type": "track", "messageId": "m-2", "userId": "user-1", "event": "Product Viewed", "timestamp": "{{Timestamp}}",
              "properties": { "product_id": "sku-1", "price": 89.5 } },
            { "type": "track", "messageId": "m-3", "userId": "user-1", "event": "Order Completed", "timestamp": "{{Timestamp}}",
              "properties": { "order_id": "o-1", "total": 105, "products": [ { "product_id": "sku-1", "price": 89.5 }, { "product_id": "sku-2", "price": 15.5 } ] } },
            { "type": "identify", "messageId": "m-4", "userId": "user-2", "timestamp": "{{Timestamp}}",
              "traits": { "email": "grace@shop-demo.test", "firstName": "Grace" } },
            { "type": "track", "messageId": "m-5", "userId": "user-2", "event": "Signed Up", "timestamp": "{{Timestamp}}",
              "properties": { "plan": "free" } },
            { "type": "identify", "messageId": "m-6", "userId": "user-3", "timestamp": "{{Timestamp}}",
              "traits": { "email": "not-an-email" } },
            { "type": "page", "messageId": "m-7", "anonymousId": "anon-1", "name": "Home", "timestamp": "{{Timestamp}}" }
          ],
          "context": { "library": { "name": "analytics-node-next", "version": "latest" } },
          "writeKey": "ignored-when-basic-auth-is-given",
          "sentAt": "{{Timestamp}}"
        }
        """;

    public static string Track(string userId, string eventName, int padding = 0) =>
        $$$"""{"userId":"{{{userId}}}","event":"{{{eventName}}}","properties":{"note":"{{{new string('x', padding)}}}"}}""";
}
