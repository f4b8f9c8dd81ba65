using Klaviyo.Actions.Api;
using Klaviyo.Actions.Operations;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

public class EventUniqueIdTests
{
    [Test]
    public void Product_ids_use_product_id_then_sku_then_index_and_disambiguate_repeats()
    {
        var ids = EventUniqueIds.ForProducts("order-1",
        [
            new OrderProduct { ProductId = "p-1", Sku = "s-1" },
            new OrderProduct { Sku = "s-2" },
            new OrderProduct { Name = "no id" },
            new OrderProduct { ProductId = "p-1" },
            new OrderProduct { ProductId = "p-1" },
            new OrderProduct { ProductId = "p-1:2" },
        ]);

        Assert.That(ids, Is.EqualTo(new[] { "order-1:p-1", "order-1:s-2", "order-1:#2", "order-1:p-1:2", "order-1:p-1:3", "order-1:p-1:2:2" }));
    }

    [Test]
    public void Product_ids_longer_than_255_characters_are_hashed()
    {
        string orderId = new('o', 250);
        var ids = EventUniqueIds.ForProducts(orderId, [new OrderProduct { ProductId = "product-1" }, new OrderProduct { ProductId = "product-2" }]);

        Assert.That(ids, Has.All.Match("^[0-9a-f]{64}$"));
        Assert.That(ids[0], Is.Not.EqualTo(ids[1]));
        Assert.That(EventUniqueIds.ForProducts(orderId, [new OrderProduct { ProductId = "product-1" }])[0], Is.EqualTo(ids[0]));
    }

    [Test]
    public void The_derived_id_is_the_sha256_of_the_canonical_event()
    {
        var profile = new EventProfile { Email = "jane@example.com" };
        var properties = new Dictionary<string, object?> { ["b"] = 1, ["a"] = "x" };

        string id = EventUniqueIds.Derive("Viewed", profile, "2024-05-01T12:00:00.000Z", 10.50m, "USD", properties, "trackEvent");

        string canonical = """{"v":1,"metric":"Viewed","profile":{"email":"jane@example.com","phone_number":null,"external_id":null,"anonymous_id":null},"time":"2024-05-01T12:00:00.000Z","value":10.5,"value_currency":"USD","properties":{"a":"x","b":1}}""";
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
        Assert.That(id, Is.EqualTo(expected));
    }

    [Test]
    public void Time_is_utc_with_milliseconds_and_truncation_drops_the_fraction()
    {
        var time = new DateTimeOffset(2024, 7, 22, 22, 8, 49, 791, TimeSpan.FromHours(2));

        Assert.That(KlaviyoTime.ToWire(time), Is.EqualTo("2024-07-22T20:08:49.791Z"));
        Assert.That(KlaviyoTime.ToWire(KlaviyoTime.TruncateToSecond(time)), Is.EqualTo("2024-07-22T20:08:49.000Z"));
    }
}
