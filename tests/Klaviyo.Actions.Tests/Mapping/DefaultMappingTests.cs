using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Each action's default mapping on the seed and spec example events gives the exact typed request.</summary>
public class DefaultMappingTests
{
    private static readonly DateTimeOffset May1 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<object> SendWithDefaults(string action, string eventJson, RecordingKlaviyoClient? client = null, string? mapping = null)
    {
        client ??= new RecordingKlaviyoClient();
        var definition = mapping is null
            ? MappingDefinition.ForEvents(action)
            : MappingDefinition.ForEvents(action, mapping: JsonDocument.Parse(mapping).RootElement, useDefaults: true);
        var destination = new KlaviyoDestination(new DestinationConfiguration(new DestinationSettings(), [definition]), client);
        var result = await destination.SendAsync(SegmentEvent.Parse(eventJson));
        Assert.That(result.Outcomes.Single(), Is.TypeOf<SentOutcome>(), result.ToString());
        return client.Sent.Single();
    }

    [Test]
    public async Task UpsertProfile_defaults_on_spec_identify()
    {
        var sent = await SendWithDefaults(KlaviyoActionSlugs.UpsertProfile, TestEvents.JaneIdentify);

        RequestDump.AssertSame(new UpsertProfileRequest
        {
            Email = "jane@example.com",
            PhoneNumber = "+14155552671",
            FirstName = "Jane",
            LastName = "Doe",
            Organization = "Acme Inc",
            Title = "CTO",
            Image = "https://example.com/jane.png",
            Location = new ProfileLocation
            {
                City = "San Francisco",
                Region = "CA",
                Zip = "94107",
                Address1 = "1 Main St",
                Country = "US",
            },
            ListId = "LIST_A",
        }, sent);
    }

    [Test]
    public async Task UpsertProfile_defaults_send_an_empty_location_and_fall_back_to_context_phone()
    {
        const string identify = """
            {"type":"identify","userId":"u1","messageId":"m1","traits":{"email":"john@example.com","firstName":"John","lastName":"Doe"},
             "context":{"traits":{"phone":"+14155550123"}},"properties":{}}
            """;

        var sent = await SendWithDefaults(KlaviyoActionSlugs.UpsertProfile, identify);

        RequestDump.AssertSame(new UpsertProfileRequest
        {
            Email = "john@example.com",
            PhoneNumber = "+14155550123",
            FirstName = "John",
            LastName = "Doe",
            Location = new ProfileLocation(),
            Properties = new Dictionary<string, object?>(),
        }, sent);
    }

    [Test]
    public async Task TrackEvent_defaults_on_spec_track()
    {
        var sent = await SendWithDefaults(KlaviyoActionSlugs.TrackEvent, TestEvents.ProductViewed);

        RequestDump.AssertSame(new TrackEventRequest
        {
            Profile = new EventProfile { ExternalId = "user-123", AnonymousId = "anon-456" },
            MetricName = "Product Viewed",
            Properties = new Dictionary<string, object?> { ["product_id"] = "sku-1", ["name"] = "Shoe", ["price"] = 49.99m, ["revenue"] = 49.99m },
            Time = May1,
            UniqueId = "msg-track-1",
        }, sent);
    }

    [Test]
    public async Task OrderCompleted_defaults_on_spec_order_bind_products()
    {
        var sent = await SendWithDefaults(KlaviyoActionSlugs.OrderCompleted, TestEvents.SpecOrder);

        var products = new List<object?>
        {
            new Dictionary<string, object?> { ["product_id"] = "p-1", ["sku"] = "SKU-1", ["name"] = "Monopoly", ["price"] = 19L, ["quantity"] = 1L },
            new Dictionary<string, object?> { ["product_id"] = "p-2", ["sku"] = "SKU-2", ["name"] = "Uno", ["price"] = 3L, ["quantity"] = 2L },
        };
        RequestDump.AssertSame(new OrderCompletedRequest
        {
            Profile = new EventProfile { ExternalId = "user-123" },
            Properties = new Dictionary<string, object?>
            {
                ["order_id"] = "ord-1", ["total"] = 30L, ["revenue"] = 25L, ["currency"] = "USD", ["coupon"] = "SPRING", ["products"] = products,
            },
            Time = May1,
            UniqueId = "msg-track-1",
            Products =
            [
                new OrderProduct { ProductId = "p-1", Sku = "SKU-1", Name = "Monopoly", Price = 19m, Quantity = 1m },
                new OrderProduct { ProductId = "p-2", Sku = "SKU-2", Name = "Uno", Price = 3m, Quantity = 2m },
            ],
        }, sent);
    }

    [Test]
    public async Task OrderCompleted_spec_mapping_with_value_and_email_gives_the_spec_request()
    {
        const string mapping = """
            { "profile": { "email": { "@path": "$.context.traits.email" } }, "value": { "@path": "$.properties.revenue" } }
            """;

        var sent = (OrderCompletedRequest)await SendWithDefaults(KlaviyoActionSlugs.OrderCompleted, TestEvents.SpecOrder, mapping: mapping);

        Assert.Multiple(() =>
        {
            RequestDump.AssertSame(new EventProfile { Email = "jane@example.com", ExternalId = "user-123" }, sent.Profile);
            Assert.That(sent.Value, Is.EqualTo(25m));
            Assert.That(sent.EventName, Is.EqualTo("Order Completed"));
            Assert.That(sent.ProductEventName, Is.EqualTo("Ordered Product"));
        });
    }

    [Test]
    public async Task SubscribeProfile_defaults_on_spec_event()
    {
        var sent = await SendWithDefaults(KlaviyoActionSlugs.SubscribeProfile, TestEvents.UserSubscribed);

        RequestDump.AssertSame(new SubscribeProfileRequest
        {
            Email = "jane@example.com",
            PhoneNumber = "+14155550100",
            CustomSource = "-59",
            HistoricalImport = false,
            ConsentedAt = May1,
        }, sent);
    }

    [Test]
    public async Task SubscribeProfile_spec_historical_import_with_list_and_source()
    {
        const string mapping = """{ "list_id": "LIST_A", "custom_source": "Website Footer", "historical_import": true }""";

        var sent = await SendWithDefaults(KlaviyoActionSlugs.SubscribeProfile, TestEvents.UserSubscribed, mapping: mapping);

        RequestDump.AssertSame(new SubscribeProfileRequest
        {
            Email = "jane@example.com",
            PhoneNumber = "+14155550100",
            ListId = "LIST_A",
            CustomSource = "Website Footer",
            HistoricalImport = true,
            ConsentedAt = May1,
        }, sent);
    }

    [Test]
    public async Task UnsubscribeProfile_defaults_on_spec_event()
    {
        var sent = await SendWithDefaults(KlaviyoActionSlugs.UnsubscribeProfile, TestEvents.UserUnsubscribed);

        RequestDump.AssertSame(new UnsubscribeProfileRequest { Email = "jane@example.com", PhoneNumber = "+14155550100" }, sent);
    }

    [Test]
    public async Task AddProfileToList_defaults_on_engage_event()
    {
        var client = new RecordingKlaviyoClient();
        client.AddList("LIST_ENG", "vip_customers");

        var sent = await SendWithDefaults(KlaviyoActionSlugs.AddProfileToList, TestEvents.AudienceEntered, client);

        RequestDump.AssertSame(new AddProfileToListRequest
        {
            ListId = "LIST_ENG",
            Email = "jane@example.com",
            FirstName = "Jane",
            Location = new ProfileLocation { City = "Paris" },
        }, sent);
    }

    [Test]
    public async Task RemoveProfileFromList_defaults_on_engage_event()
    {
        var client = new RecordingKlaviyoClient();
        client.AddList("LIST_ENG", "vip_customers");

        var sent = await SendWithDefaults(KlaviyoActionSlugs.RemoveProfileFromList, TestEvents.AudienceExited, client);

        RequestDump.AssertSame(new RemoveProfileFromListRequest { ListId = "LIST_ENG", Email = "jane@example.com", PhoneNumber = "+14155552671" }, sent);
    }

    [Test]
    public async Task RemoveProfile_defaults_read_identify_traits_and_the_chosen_list()
    {
        var sent = await SendWithDefaults(KlaviyoActionSlugs.RemoveProfile, TestEvents.JaneIdentify, mapping: """{ "list_id": "LIST_R" }""");

        RequestDump.AssertSame(new RemoveProfileRequest { ListId = "LIST_R", Email = "jane@example.com", PhoneNumber = "+14155552671" }, sent);
    }

    [TestCase("2024-07-22T20:08:49.79Z", "2024-07-22T20:08:49.7900000Z")]
    [TestCase("2024-09-11T20:08:49.8919123123Z", "2024-09-11T20:08:49.8910000Z")]
    [TestCase("2024-07-22T20:08:49.89191341Z", "2024-07-22T20:08:49.8910000Z")]
    [TestCase("2024-05-01T14:00:00+02:00", "2024-05-01T12:00:00.0000000Z")]
    [TestCase("2024-05-01T12:00:00", "2024-05-01T12:00:00.0000000Z")]
    public async Task Track_time_is_read_like_segment_and_truncated_to_milliseconds(string timestamp, string expected)
    {
        string json = $$$"""{"type":"track","event":"E","userId":"u","messageId":"m","timestamp":"{{{timestamp}}}","properties":{}}""";

        var sent = (TrackEventRequest)await SendWithDefaults(KlaviyoActionSlugs.TrackEvent, json);

        Assert.That(sent.Time!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"), Is.EqualTo(expected));
    }

    [Test]
    public void Every_action_has_a_valid_default_mapping_and_trigger()
    {
        Assert.That(KlaviyoActionCatalog.All.Select(a => a.Slug), Is.EquivalentTo(new[]
        {
            "upsertProfile", "trackEvent", "orderCompleted", "subscribeProfile", "unsubscribeProfile",
            "addProfileToList", "removeProfileFromList", "removeProfile",
        }));
        foreach (var action in KlaviyoActionCatalog.All)
        {
            Assert.That(MappingKit.Validate(action.DefaultMapping), Is.Empty, action.Slug);
        }
    }

    [Test]
    public void Deliberately_changed_default_triggers_are_flagged()
    {
        var changed = KlaviyoActionCatalog.All.Where(a => a.DefaultTriggerDiffersFromSegment)
            .ToDictionary(a => a.Slug, a => (a.DefaultTrigger.Expression, a.SegmentDefaultTrigger));

        Assert.That(changed, Is.EquivalentTo(new Dictionary<string, (string, string)>
        {
            ["orderCompleted"] = ("type = \"track\" and event = \"Order Completed\"", "type = \"track\""),
            ["removeProfile"] = ("type = \"identify\"", "type = \"Identify\""),
        }));
    }

    [Test]
    public void Order_completed_default_trigger_ignores_other_track_events_and_remove_profile_matches_identify()
    {
        var order = KlaviyoActionCatalog.Get(KlaviyoActionSlugs.OrderCompleted).DefaultTrigger;
        var remove = KlaviyoActionCatalog.Get(KlaviyoActionSlugs.RemoveProfile).DefaultTrigger;

        Assert.Multiple(() =>
        {
            Assert.That(order.Matches(SegmentEvent.Parse(TestEvents.SpecOrder)), Is.True);
            Assert.That(order.Matches(SegmentEvent.Parse(TestEvents.ProductViewed)), Is.False);
            Assert.That(remove.Matches(SegmentEvent.Parse(TestEvents.JaneIdentify)), Is.True);
            Assert.That(Trigger.Parse(remove.Expression.Replace("identify", "Identify")).Matches(SegmentEvent.Parse(TestEvents.JaneIdentify)), Is.False);
        });
    }
}
