using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Tests.Mapping.Support;

/// <summary>Example events from the seeds and the spec.</summary>
internal static class TestEvents
{
    /// <summary>Seed 001: the classic docs' identify with a list override.</summary>
    public const string SerenaWilliamsIdentify = """
        {
          "type": "identify",
          "messageId": "msg-serena-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "019mr8mf4r",
          "traits": {
            "name": "Serena Williams",
            "email": "swilliams@sportstech.com",
            "plan": "Enterprise",
            "friends": 42
          },
          "integrations": {
            "Klaviyo": {
              "listId": "baV129",
              "confirmOptin": false
            }
          }
        }
        """;

    /// <summary>Seed 001: the classic docs' Order Completed (Monopoly and Uno).</summary>
    public const string MonopolyUnoOrder = """
        {
          "type": "track",
          "messageId": "msg-order-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "019mr8mf4r",
          "event": "Order Completed",
          "properties": {
            "orderId": "50314b8e9bcf000000000000",
            "total": 30,
            "revenue": 25,
            "shipping": 3,
            "tax": 2,
            "discount": 2.5,
            "coupon": "hasbros",
            "currency": "USD",
            "repeat": true,
            "products": [
              {
                "id": "507f1f77bcf86cd799439011",
                "sku": "45790-32",
                "name": "Monopoly: 3rd Edition",
                "price": 19,
                "quantity": 1,
                "category": "Games",
                "productUrl": "http://www.example.com/path/to/product",
                "imageUrl": "http://www.example.com/path/to/product/image.png"
              },
              {
                "id": "505bd76785ebb509fc183733",
                "sku": "46493-32",
                "name": "Uno Card Game",
                "price": 3,
                "quantity": 2,
                "category": "Games"
              }
            ]
          }
        }
        """;

    /// <summary>Spec §4.3: Jane's identify with a full address and a list override.</summary>
    public const string JaneIdentify = """
        {
          "type": "identify",
          "messageId": "msg-identify-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "user-123",
          "anonymousId": "anon-456",
          "traits": {
            "email": "jane@example.com",
            "firstName": "Jane",
            "lastName": "Doe",
            "company": { "name": "Acme Inc" },
            "title": "CTO",
            "avatar": "https://example.com/jane.png",
            "phone": "+14155552671",
            "plan": "pro",
            "address": {
              "city": "San Francisco",
              "state": "CA",
              "postal_code": "94107",
              "street": "1 Main St",
              "country": "US"
            }
          },
          "integrations": { "Klaviyo": { "listId": "LIST_A" } }
        }
        """;

    /// <summary>Spec §5.2: a track event.</summary>
    public const string ProductViewed = """
        {
          "type": "track",
          "event": "Product Viewed",
          "messageId": "msg-track-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "user-123",
          "anonymousId": "anon-456",
          "properties": { "product_id": "sku-1", "name": "Shoe", "price": 49.99, "revenue": 49.99 },
          "context": { "traits": { "email": "jane@example.com" } }
        }
        """;

    /// <summary>Spec §6.2: an Order Completed track event with two products.</summary>
    public const string SpecOrder = """
        {
          "type": "track",
          "event": "Order Completed",
          "messageId": "msg-track-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "user-123",
          "context": { "traits": { "email": "jane@example.com" } },
          "properties": {
            "order_id": "ord-1",
            "total": 30,
            "revenue": 25,
            "currency": "USD",
            "coupon": "SPRING",
            "products": [
              { "product_id": "p-1", "sku": "SKU-1", "name": "Monopoly", "price": 19, "quantity": 1 },
              { "product_id": "p-2", "sku": "SKU-2", "name": "Uno", "price": 3, "quantity": 2 }
            ]
          }
        }
        """;

    /// <summary>Spec §7.2: User Subscribed with email and phone in context traits.</summary>
    public const string UserSubscribed = """
        {
          "type": "track",
          "event": "User Subscribed",
          "messageId": "msg-sub-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "user-123",
          "context": { "traits": { "email": "jane@example.com", "phone": "+14155550100" } },
          "properties": {}
        }
        """;

    /// <summary>Spec §8.2: User Unsubscribed.</summary>
    public const string UserUnsubscribed = """
        {
          "type": "track",
          "event": "User Unsubscribed",
          "messageId": "msg-unsub-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "user-123",
          "context": { "traits": { "email": "jane@example.com", "phone": "+14155550100" } },
          "properties": {}
        }
        """;

    /// <summary>Spec §9.1: an Engage Audience Entered event with an existing external list.</summary>
    public const string AudienceEntered = """
        {
          "type": "track",
          "event": "Audience Entered",
          "messageId": "msg-aud-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "user-123",
          "properties": {
            "audience_key": "vip_customers",
            "vip_customers": true,
            "firstName": "Jane",
            "address": { "city": "Paris" }
          },
          "context": {
            "traits": { "email": "jane@example.com" },
            "personas": {
              "computation_class": "audience",
              "computation_id": "aud_1",
              "computation_key": "vip_customers",
              "external_audience_id": "LIST_ENG"
            }
          }
        }
        """;

    /// <summary>Spec §9.2: the matching Audience Exited event.</summary>
    public const string AudienceExited = """
        {
          "type": "track",
          "event": "Audience Exited",
          "messageId": "msg-aud-2",
          "timestamp": "2024-05-02T12:00:00.000Z",
          "userId": "user-123",
          "properties": { "audience_key": "vip_customers", "vip_customers": false },
          "context": {
            "traits": { "email": "jane@example.com", "phone": "+14155552671" },
            "personas": {
              "computation_class": "audience",
              "computation_id": "aud_1",
              "computation_key": "vip_customers",
              "external_audience_id": "LIST_ENG"
            }
          }
        }
        """;

    public static SegmentEvent Parse(string json) => SegmentEvent.Parse(json);
}
