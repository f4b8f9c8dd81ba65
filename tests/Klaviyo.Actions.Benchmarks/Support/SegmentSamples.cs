namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>The three Segment events of the mapping benchmark, as a Segment source sends them.</summary>
internal static class SegmentSamples
{
    /// <summary>An identify with email, E.164 phone, names, company, title, avatar, address and a list override.</summary>
    public const string Identify = """
        {
          "type": "identify",
          "messageId": "msg-identify-0001",
          "timestamp": "2026-05-01T12:00:00.000Z",
          "userId": "user-123",
          "anonymousId": "anon-456",
          "traits": {
            "email": "jane.doe@example.com",
            "firstName": "Jane",
            "lastName": "Doe",
            "company": { "name": "Acme Inc" },
            "title": "CTO",
            "avatar": "https://example.com/jane.png",
            "phone": "+14155552671",
            "plan": "pro",
            "address": { "city": "San Francisco", "state": "CA", "postal_code": "94107", "street": "1 Main St", "country": "US" }
          },
          "context": { "ip": "203.0.113.7", "library": { "name": "analytics.js", "version": "2.11.1" } },
          "integrations": { "Klaviyo": { "listId": "LIST_A" } }
        }
        """;

    /// <summary>A Product Viewed track call with four properties.</summary>
    public const string Track = """
        {
          "type": "track",
          "event": "Product Viewed",
          "messageId": "msg-track-0001",
          "timestamp": "2026-05-01T12:00:00.000Z",
          "userId": "user-123",
          "anonymousId": "anon-456",
          "properties": { "product_id": "sku-1", "name": "Running Shoe", "price": 49.99, "category": "Shoes" },
          "context": { "traits": { "email": "jane.doe@example.com" }, "ip": "203.0.113.7" }
        }
        """;

    /// <summary>An Order Completed with three products.</summary>
    public const string OrderCompleted = """
        {
          "type": "track",
          "event": "Order Completed",
          "messageId": "msg-order-0001",
          "timestamp": "2026-05-01T12:00:00.000Z",
          "userId": "user-123",
          "anonymousId": "anon-456",
          "properties": {
            "order_id": "ord-50314b8e",
            "total": 92.5,
            "revenue": 80,
            "shipping": 7.5,
            "tax": 5,
            "currency": "USD",
            "products": [
              { "product_id": "507f1f77", "sku": "45790-32", "name": "Monopoly: 3rd Edition", "price": 19, "quantity": 1, "category": "Games" },
              { "product_id": "505bd767", "sku": "46493-32", "name": "Uno Card Game", "price": 3, "quantity": 2, "category": "Games" },
              { "product_id": "60a1b2c3", "sku": "47001-11", "name": "Chess Set", "price": 55, "quantity": 1, "category": "Games" }
            ]
          },
          "context": { "traits": { "email": "jane.doe@example.com" } }
        }
        """;
}
