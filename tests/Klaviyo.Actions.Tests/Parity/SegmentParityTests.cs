using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Mapping.ReverseEtl;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Client.Support;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Parity;

/// <summary>The same event and mapping give the request bodies Segment's own implementation sends (issue 15).</summary>
public class SegmentParityTests
{
    private const string Order = """
        {"type":"track","event":"Order Completed","userId":"u-1","messageId":"m-1","timestamp":"2024-05-01T12:00:00Z",
         "context":{"traits":{"email":"jane@example.com"}},
         "properties":{"order_id":"o-1","total":30,"name":"order name","products":[
           {"productId":"p-1","sku":"S-1","name":"Monopoly","price":"19.50","quantity":1,"productUrl":"https://x/p1","imageUrl":"https://x/p1.png","color":"red"},
           {"id":"p-2","name":"Uno","price":3,"url":"https://x/p2","image_url":"https://x/p2.png"}]}}
        """;

    private const string Mapping = """
        {"mappings":[{"name":"Orders","action":"orderCompleted","useDefaults":true,
          "mapping":{"profile":{"email":{"@path":"$.context.traits.email"},"external_id":{"@path":"$.userId"}},"products":{"@path":"$.properties.products"}}}]}
        """;

    private static JsonElement Attributes(CapturedRequest request) => request.Json.GetProperty("data").GetProperty("attributes");

    private static async Task<IReadOnlyList<CapturedRequest>> SendOrder()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(Mapping), api.CreateClient());

        var result = await destination.SendAsync(SegmentEvent.Parse(Order));

        Assert.That(result.Outcomes.Single(), Is.TypeOf<SentOutcome>(), result.ToString());
        return api.RequestsTo(HttpMethod.Post, "/api/events");
    }

    [Test]
    public async Task Ordered_product_events_send_the_products_keys_unchanged_over_the_order_properties()
    {
        var requests = await SendOrder();

        Assert.That(requests, Has.Count.EqualTo(3));
        var products = requests.Skip(1).Select(r => Attributes(r).GetProperty("properties").GetRawText()).ToList();
        JsonAssert.AreEquivalent(
            """{"order_id":"o-1","total":30,"name":"Monopoly","productId":"p-1","sku":"S-1","price":"19.50","quantity":1,"productUrl":"https://x/p1","imageUrl":"https://x/p1.png","color":"red"}""",
            products.Single(p => p.Contains("\"p-1\"", StringComparison.Ordinal)));
        JsonAssert.AreEquivalent(
            """{"order_id":"o-1","total":30,"name":"Uno","id":"p-2","price":3,"url":"https://x/p2","image_url":"https://x/p2.png"}""",
            products.Single(p => p.Contains("\"p-2\"", StringComparison.Ordinal)));
        Assert.That(
            requests.Skip(1).Select(r => Attributes(r).GetProperty("unique_id").GetString()),
            Is.EquivalentTo(new[] { "m-1:p-1", "m-1:p-2" }),
            "the typed product id still gives the stable unique_id");
    }

    [Test]
    public async Task The_order_event_sends_its_mapped_properties_exactly()
    {
        var requests = await SendOrder();

        JsonAssert.AreEquivalent(
            """
            {"order_id":"o-1","total":30,"name":"order name","products":[
              {"productId":"p-1","sku":"S-1","name":"Monopoly","price":"19.50","quantity":1,"productUrl":"https://x/p1","imageUrl":"https://x/p1.png","color":"red"},
              {"id":"p-2","name":"Uno","price":3,"url":"https://x/p2","image_url":"https://x/p2.png"}]}
            """,
            Attributes(requests[0]).GetProperty("properties").GetRawText());
    }

    [Test]
    public async Task An_order_whose_mapped_properties_leave_out_products_gets_no_products_array()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        await api.CreateClient().TrackOrderCompletedAsync(new OrderCompletedRequest
        {
            Profile = new EventProfile { Email = "jane@example.com" },
            Properties = new Dictionary<string, object?> { ["order_id"] = "o-1" },
            UniqueId = "u-1",
            Products = [new OrderProduct { ProductId = "p-1", Name = "Monopoly" }],
        });

        var requests = api.RequestsTo(HttpMethod.Post, "/api/events");
        JsonAssert.AreEquivalent("""{"order_id":"o-1"}""", Attributes(requests[0]).GetProperty("properties").GetRawText());
        JsonAssert.AreEquivalent("""{"order_id":"o-1","product_id":"p-1","name":"Monopoly"}""", Attributes(requests[1]).GetProperty("properties").GetRawText());
    }

    [Test]
    public void The_hook_saved_inside_mapping_is_read_before_hooks()
    {
        var configuration = DestinationConfiguration.Parse("""
            {"mappings":[
              {"action":"upsertProfile","mapping":{"email":{"@path":"$.traits.email"},"retlOnMappingSave":{"outputs":{"id":"XYZABC","name":"Test Audience"}}},
               "hooks":{"retlOnMappingSave":{"inputs":{"list_name":"Other"}}}},
              {"action":"upsertProfile","mapping":{"retlOnMappingSave":{"inputs":{"list_name":"Warehouse VIPs"}}}},
              {"action":"upsertProfile","hooks":{"retlOnMappingSave":{"inputs":{"list_identifier":"L1"}}}}]}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(configuration.Mappings[0].ListHook, Is.EqualTo(StaticListHook.Existing("XYZABC")));
            Assert.That(configuration.Mappings[1].ListHook, Is.EqualTo(StaticListHook.Named("Warehouse VIPs")));
            Assert.That(configuration.Mappings[2].ListHook, Is.EqualTo(StaticListHook.Existing("L1")));
        });
    }

    [Test]
    public async Task The_hook_saved_inside_mapping_adds_the_profile_to_its_list()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.Created, KlaviyoBodies.Profile("PROF1"));
        api.On(HttpMethod.Get, "api/lists/XYZABC", HttpStatusCode.OK, """{"data":{"type":"list","id":"XYZABC","attributes":{"name":"Test Audience"}}}""");
        api.On(HttpMethod.Post, "api/lists/XYZABC/relationships/profiles", HttpStatusCode.NoContent);
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse("""
            {"mappings":[{"action":"upsertProfile","trigger":"type = \"identify\"",
              "mapping":{"email":{"@path":"$.traits.email"},"retlOnMappingSave":{"outputs":{"id":"XYZABC","name":"Test Audience"}}}}]}
            """), api.CreateClient());

        var result = await destination.SendAsync(SegmentEvent.Parse("""{"type":"identify","userId":"u","messageId":"m","traits":{"email":"jane@example.com"}}"""));

        Assert.That(result.Outcomes.Single(), Is.TypeOf<SentOutcome>(), result.ToString());
        Assert.That(api.RequestsTo(HttpMethod.Post, "/api/lists/XYZABC/relationships/profiles"), Has.Count.EqualTo(1));
    }
}
