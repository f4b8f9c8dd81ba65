using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

public class OrderCompletedTests
{
    private static readonly OrderProduct Monopoly = new() { ProductId = "p-1", Sku = "SKU-1", Name = "Monopoly", Price = 19m, Quantity = 1m };
    private static readonly OrderProduct Uno = new() { ProductId = "p-2", Sku = "SKU-2", Name = "Uno", Price = 3m, Quantity = 2m };

    private static OrderCompletedRequest Order(string? uniqueId = "msg-track-1") => new()
    {
        Profile = new EventProfile { Email = "jane@example.com", ExternalId = "user-123" },
        Properties = new Dictionary<string, object?>
        {
            ["order_id"] = "ord-1",
            ["total"] = 30m,
            ["revenue"] = 25m,
            ["currency"] = "USD",
            ["coupon"] = "SPRING",
            ["name"] = "order name",
        },
        Time = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        Value = 25m,
        UniqueId = uniqueId,
        Products = [Monopoly, Uno],
    };

    private static JsonElement Attributes(CapturedRequest request) => request.Json.GetProperty("data").GetProperty("attributes");

    private static string Metric(CapturedRequest request) =>
        Attributes(request).GetProperty("metric").GetProperty("data").GetProperty("attributes").GetProperty("name").GetString()!;

    [Test]
    public async Task Sends_the_order_event_first_then_one_product_event_per_product()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);

        var result = await api.CreateClient().TrackOrderCompletedAsync(Order());

        var requests = api.Requests;
        Assert.That(requests, Has.Count.EqualTo(3));
        Assert.That(Metric(requests[0]), Is.EqualTo("Order Completed"));
        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"event","attributes":{
              "properties":{"order_id":"ord-1","total":30,"revenue":25,"currency":"USD","coupon":"SPRING","name":"order name"},
              "time":"2024-05-01T12:00:00.000Z","value":25,"unique_id":"msg-track-1",
              "metric":{"data":{"type":"metric","attributes":{"name":"Order Completed"}}},
              "profile":{"data":{"type":"profile","attributes":{"email":"jane@example.com","external_id":"user-123"}}}}}}
            """,
            requests[0].Body!);

        var products = requests.Skip(1).ToDictionary(r => Attributes(r).GetProperty("unique_id").GetString()!);
        Assert.That(result.OrderUniqueId, Is.EqualTo("msg-track-1"));
        Assert.That(result.ProductUniqueIds, Is.EqualTo(new[] { "msg-track-1:p-1", "msg-track-1:p-2" }));
        Assert.That(products.Keys, Is.EquivalentTo(result.ProductUniqueIds));
        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"event","attributes":{
              "properties":{"order_id":"ord-1","total":30,"revenue":25,"currency":"USD","coupon":"SPRING",
                "product_id":"p-1","sku":"SKU-1","name":"Monopoly","price":19,"quantity":1},
              "time":"2024-05-01T12:00:00.000Z","unique_id":"msg-track-1:p-1",
              "metric":{"data":{"type":"metric","attributes":{"name":"Ordered Product"}}},
              "profile":{"data":{"type":"profile","attributes":{"email":"jane@example.com","external_id":"user-123"}}}}}}
            """,
            products["msg-track-1:p-1"].Body!);
        Assert.That(Attributes(products["msg-track-1:p-2"]).GetProperty("properties").GetProperty("name").GetString(), Is.EqualTo("Uno"));
    }

    [Test]
    public async Task Without_a_unique_id_order_and_product_ids_are_derived_stable_and_distinct()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        var client = api.CreateClient();

        var first = await client.TrackOrderCompletedAsync(Order(uniqueId: null));
        var retry = await client.TrackOrderCompletedAsync(Order(uniqueId: null));
        var changed = await client.TrackOrderCompletedAsync(Order(uniqueId: null) with { Value = 26m });

        Assert.That(first.OrderUniqueId, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(retry, Is.EqualTo(first).Using<OrderCompletedResult>((a, b) =>
            a.OrderUniqueId == b.OrderUniqueId && a.ProductUniqueIds.SequenceEqual(b.ProductUniqueIds)));
        Assert.That(first.ProductUniqueIds.Distinct().Count(), Is.EqualTo(2));
        Assert.That(changed.OrderUniqueId, Is.Not.EqualTo(first.OrderUniqueId));
        Assert.That(changed.ProductUniqueIds, Is.Not.EquivalentTo(first.ProductUniqueIds));
    }

    [Test]
    public async Task Products_given_in_the_properties_are_kept_on_the_order_and_removed_from_product_events()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        var request = Order() with
        {
            Properties = new Dictionary<string, object?> { ["order_id"] = "ord-1", ["products"] = new[] { "as-mapped" } },
            Products = [Monopoly with { AdditionalProperties = new Dictionary<string, object?> { ["order_id"] = "overridden", ["color"] = "red" } }],
        };

        await api.CreateClient().TrackOrderCompletedAsync(request);

        var requests = api.Requests;
        JsonAssert.AreEquivalent("""{"order_id":"ord-1","products":["as-mapped"]}""", Attributes(requests[0]).GetProperty("properties").GetRawText());
        JsonAssert.AreEquivalent(
            """{"order_id":"overridden","color":"red","product_id":"p-1","sku":"SKU-1","name":"Monopoly","price":19,"quantity":1}""",
            Attributes(requests[1]).GetProperty("properties").GetRawText());
        Assert.That(Attributes(requests[1]).TryGetProperty("value", out _), Is.False);
    }

    [Test]
    public void No_product_event_is_sent_when_the_order_event_fails()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.TooManyRequests, KlaviyoBodies.Throttled429);

        var ex = Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().TrackOrderCompletedAsync(Order()));

        Assert.That(ex!.IsRateLimited, Is.True);
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Many_products_are_all_sent_with_custom_metric_names()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        var products = Enumerable.Range(0, 9).Select(i => new OrderProduct { Sku = "S" + i }).ToList();

        var result = await api.CreateClient().TrackOrderCompletedAsync(Order() with
        {
            Products = products,
            EventName = "Checkout Done",
            ProductEventName = "Bought Item",
        });

        var requests = api.Requests;
        Assert.That(Metric(requests[0]), Is.EqualTo("Checkout Done"));
        Assert.That(requests.Skip(1).Select(Metric), Is.All.EqualTo("Bought Item"));
        Assert.That(requests.Skip(1).Select(r => Attributes(r).GetProperty("unique_id").GetString()), Is.EquivalentTo(result.ProductUniqueIds));
        Assert.That(result.ProductUniqueIds, Has.Count.EqualTo(9).And.Unique);
    }

    [Test]
    public void A_failed_product_event_fails_the_call_with_klaviyos_error()
    {
        var api = new KlaviyoApiMock();
        static bool IsProduct(HttpRequestMessage request) => request.Content!.ReadAsStringAsync().GetAwaiter().GetResult().Contains("Ordered Product", StringComparison.Ordinal);
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.ServiceUnavailable, KlaviyoBodies.ServerError500, IsProduct);
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);

        var ex = Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().TrackOrderCompletedAsync(Order()));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(Metric(api.Requests[0]), Is.EqualTo("Order Completed"));
    }

    [Test]
    public async Task A_single_product_order_sends_the_order_then_its_one_product_event()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);

        var result = await api.CreateClient().TrackOrderCompletedAsync(Order() with { Products = [Uno] });

        var requests = api.Requests;
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(Metric(requests[0]), Is.EqualTo("Order Completed"));
        Assert.That(Metric(requests[1]), Is.EqualTo("Ordered Product"));
        Assert.That(Attributes(requests[1]).GetProperty("unique_id").GetString(), Is.EqualTo(result.ProductUniqueIds.Single()));
        Assert.That(Attributes(requests[1]).GetProperty("properties").GetProperty("sku").GetString(), Is.EqualTo("SKU-2"));
    }

    [Test]
    public void A_failed_single_product_event_fails_the_call_with_klaviyos_error()
    {
        var api = new KlaviyoApiMock();
        static bool IsProduct(HttpRequestMessage request) => request.Content!.ReadAsStringAsync().GetAwaiter().GetResult().Contains("Ordered Product", StringComparison.Ordinal);
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.BadRequest, KlaviyoBodies.Invalid400, IsProduct);
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);

        var ex = Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().TrackOrderCompletedAsync(Order() with { Products = [Monopoly] }));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(api.Requests, Has.Count.EqualTo(2));
    }
}
