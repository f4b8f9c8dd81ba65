using System.Text.Json;
using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Operations;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>
/// The product events of an expanded order read their properties through views instead of merged dictionaries;
/// every view must be the dictionary <see cref="OrderEvents"/> builds: same keys, values, order, count and look-ups.
/// </summary>
public class ProductEventPropertiesTests
{
    private static readonly DateTimeOffset Time = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCaseSource(nameof(Orders))]
    public void Each_product_event_has_the_properties_the_merged_dictionary_has(OrderCompletedRequest order)
    {
        var events = new OrderEventExpander(TimeProvider.System).Expand(order);

        var products = order.Products ?? [];
        Assert.That(events, Has.Count.EqualTo(1 + products.Count));
        for (int i = 0; i < products.Count; i++)
        {
            var expected = OrderEvents.ProductEventProperties(order, products[i]);
            AssertSameDictionary(events[i + 1].Properties!, expected);
        }
    }

    [TestCaseSource(nameof(Orders))]
    public void The_product_view_is_the_dictionary_built_from_the_product(OrderCompletedRequest order)
    {
        foreach (var product in order.Products ?? [])
        {
            if (ProductPropertiesView.TryCreate(product) is { } view)
            {
                AssertSameDictionary(view, OrderEvents.ProductProperties(product));
            }
        }
    }

    [Test]
    public void A_case_insensitive_dictionary_falls_back_to_the_merged_dictionary()
    {
        var order = Order(
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Name"] = "order", ["coupon"] = "X" },
            new OrderProduct { Name = "p", AdditionalProperties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["COUPON"] = "Y" } });

        var events = new OrderEventExpander(TimeProvider.System).Expand(order);

        Assert.That(events[1].Properties, Is.TypeOf<Dictionary<string, object?>>());
        AssertSameDictionary(events[1].Properties!, OrderEvents.ProductEventProperties(order, order.Products![0]));
    }

    private static void AssertSameDictionary(IReadOnlyDictionary<string, object?> actual, IReadOnlyDictionary<string, object?> expected)
    {
        Assert.That(actual.Select(e => e.Key), Is.EqualTo(expected.Select(e => e.Key)), "keys in order");
        Assert.That(actual.Select(e => e.Value), Is.EqualTo(expected.Select(e => e.Value)), "values in order");
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys));
        Assert.That(actual.Values, Is.EqualTo(expected.Values));
        Assert.That(actual, Has.Count.EqualTo(expected.Count));
        foreach (string key in expected.Keys.Concat(["products", "missing", "PRICE", "Name", "sku", "price", "product_id"]))
        {
            bool found = actual.TryGetValue(key, out var value);
            Assert.That(found, Is.EqualTo(expected.TryGetValue(key, out var expectedValue)), key);
            Assert.That(value, Is.EqualTo(expectedValue), key);
            Assert.That(actual.ContainsKey(key), Is.EqualTo(found), key);
            if (found)
            {
                Assert.That(actual[key], Is.EqualTo(expectedValue), key);
            }
            else
            {
                Assert.Throws<KeyNotFoundException>(() => _ = actual[key]);
            }
        }

        Assert.That(Json(actual), Is.EqualTo(Json(expected)));
    }

    private static string Json(IReadOnlyDictionary<string, object?> values)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            KlaviyoValueWriter.WriteObject(writer, values, "properties");
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static OrderCompletedRequest Order(IReadOnlyDictionary<string, object?>? properties, params OrderProduct[] products) => new()
    {
        Profile = new EventProfile { Email = "jane@shop.test" },
        UniqueId = "order-1",
        Time = Time,
        Value = 25m,
        Properties = properties,
        Products = products,
    };

    private static IEnumerable<TestCaseData> Orders()
    {
        var full = new OrderProduct { ProductId = "p1", Sku = "s1", Name = "Shoe", Category = "c", Brand = "b", Variant = "v", Price = 10.50m, Quantity = 2m, Url = "https://shop.test/p1", ImageUrl = "https://shop.test/p1.png" };
        var bare = new OrderProduct { Sku = "s2" };
        var overlapping = new OrderProduct
        {
            ProductId = "p3",
            Price = 3m,
            AdditionalProperties = new Dictionary<string, object?> { ["price"] = "additional price", ["color"] = "red", ["coupon"] = "PRODUCT", ["products"] = "own products key", ["sku"] = "additional sku" },
        };
        var onlyAdditional = new OrderProduct { AdditionalProperties = new Dictionary<string, object?>(StringComparer.Ordinal) { ["gift"] = true, ["name"] = null } };

        yield return new TestCaseData(Order(null, full, bare)).SetName("No order properties");
        yield return new TestCaseData(Order(new Dictionary<string, object?> { ["order_id"] = "o-1", ["coupon"] = "ORDER", ["name"] = "order name", ["price"] = 99m }, full, bare, overlapping, onlyAdditional))
            .SetName("Order keys overwritten by product keys keep their position");
        yield return new TestCaseData(Order(new Dictionary<string, object?> { ["order_id"] = "o-1", ["products"] = new List<object?> { "caller's list" }, ["total"] = 25m }, full, overlapping))
            .SetName("Order properties already holding products (the mapped path)");
        yield return new TestCaseData(Order(new Dictionary<string, object?>(), onlyAdditional)).SetName("Empty order properties");
        yield return new TestCaseData(Order(new Dictionary<string, object?> { ["a"] = 1 })).SetName("No products");
        yield return new TestCaseData(Order(new SortedList<string, object?> { ["b"] = 2, ["a"] = 1 }, full, overlapping)).SetName("Order properties not a dictionary");
    }
}
