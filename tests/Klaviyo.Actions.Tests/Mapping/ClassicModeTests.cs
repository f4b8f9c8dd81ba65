using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Classic mode on the seed 001 examples: the Serena Williams identify and the Monopoly/Uno order.</summary>
public class ClassicModeTests
{
    private static readonly DateTimeOffset May1 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(EventResult Result, RecordingKlaviyoClient Client)> Send(ClassicSettings settings, string json)
    {
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(DestinationConfiguration.ForClassic(settings), client);
        return (await destination.SendAsync(SegmentEvent.Parse(json)), client);
    }

    [Test]
    public async Task Serena_identify_with_default_settings_upserts_by_email_into_the_overridden_list()
    {
        var (result, client) = await Send(new ClassicSettings { ListId = "DEFAULT" }, TestEvents.SerenaWilliamsIdentify);

        Assert.That(result.Outcomes.Single(), Is.TypeOf<SentOutcome>().With.Property(nameof(MappingOutcome.Action)).EqualTo("identify"));
        RequestDump.AssertSame(new object[]
        {
            new UpsertProfileRequest
            {
                Email = "swilliams@sportstech.com",
                Properties = new Dictionary<string, object?> { ["name"] = "Serena Williams", ["plan"] = "Enterprise", ["friends"] = 42L },
                ListId = "baV129",
            },
        }, client.Sent);
    }

    [Test]
    public async Task Confirm_opt_in_subscribes_through_the_list_instead_of_adding_directly()
    {
        string withoutOverride = TestEvents.SerenaWilliamsIdentify.Replace("\"confirmOptin\": false", "\"confirmOptin\": true", StringComparison.Ordinal);

        var (_, client) = await Send(new ClassicSettings(), withoutOverride);

        RequestDump.AssertSame(new object[]
        {
            new UpsertProfileRequest
            {
                Email = "swilliams@sportstech.com",
                Properties = new Dictionary<string, object?> { ["name"] = "Serena Williams", ["plan"] = "Enterprise", ["friends"] = 42L },
            },
            new SubscribeProfileRequest { Email = "swilliams@sportstech.com", ListId = "baV129", Channels = ConsentChannels.EmailMarketing },
        }, client.Sent);
    }

    [Test]
    public async Task Without_enforce_email_the_user_id_is_the_external_id_and_the_trait_table_applies()
    {
        const string identify = """
            {"type":"identify","userId":"u-7","messageId":"m","traits":{"email":"a@b.com","phoneNumber":"+14155550100","firstName":"Ann","lastName":"Lee",
              "title":"CEO","organization":"Acme","city":"Paris","state":"IDF","country":"FR","zip":"75001","timezone":"Europe/Paris","vip":true}}
            """;

        var (_, client) = await Send(new ClassicSettings { EnforceEmail = false }, identify);

        RequestDump.AssertSame(new UpsertProfileRequest
        {
            Email = "a@b.com",
            PhoneNumber = "+14155550100",
            ExternalId = "u-7",
            FirstName = "Ann",
            LastName = "Lee",
            Title = "CEO",
            Organization = "Acme",
            Location = new ProfileLocation { City = "Paris", Region = "IDF", Country = "FR", Zip = "75001", Timezone = "Europe/Paris" },
            Properties = new Dictionary<string, object?> { ["vip"] = true },
        }, client.Sent.Single());
    }

    [Test]
    public async Task Monopoly_and_uno_order_gives_the_order_and_one_ordered_product_per_product()
    {
        var (result, client) = await Send(new ClassicSettings { EnforceEmail = false }, TestEvents.MonopolyUnoOrder);

        var sent = (SentOutcome)result.Outcomes.Single();
        Assert.That(sent.Results, Has.Count.EqualTo(3));
        var profile = new EventProfile { ExternalId = "019mr8mf4r" };
        var order = (TrackEventRequest)client.Sent[0];
        Assert.Multiple(() =>
        {
            Assert.That(order.MetricName, Is.EqualTo("Order Completed"));
            Assert.That(order.Value, Is.EqualTo(25m));
            Assert.That(order.UniqueId, Is.EqualTo("50314b8e9bcf000000000000"));
            Assert.That(order.Time, Is.EqualTo(May1));
            RequestDump.AssertSame(profile, order.Profile);
            Assert.That(order.Properties!.Keys, Is.EquivalentTo(new[] { "orderId", "total", "revenue", "shipping", "tax", "discount", "coupon", "currency", "repeat", "products" }));
        });

        RequestDump.AssertSame(new object[]
        {
            new TrackEventRequest
            {
                Profile = profile,
                MetricName = "Ordered Product",
                Properties = new Dictionary<string, object?>
                {
                    ["id"] = "507f1f77bcf86cd799439011", ["sku"] = "45790-32", ["name"] = "Monopoly: 3rd Edition", ["price"] = 19L, ["quantity"] = 1L,
                    ["category"] = "Games", ["Product URL"] = "http://www.example.com/path/to/product", ["Image URL"] = "http://www.example.com/path/to/product/image.png",
                },
                Time = May1,
                Value = 19m,
                UniqueId = "50314b8e9bcf000000000000_507f1f77bcf86cd799439011",
            },
            new TrackEventRequest
            {
                Profile = profile,
                MetricName = "Ordered Product",
                Properties = new Dictionary<string, object?>
                {
                    ["id"] = "505bd76785ebb509fc183733", ["sku"] = "46493-32", ["name"] = "Uno Card Game", ["price"] = 3L, ["quantity"] = 2L, ["category"] = "Games",
                },
                Time = May1,
                Value = 3m,
                UniqueId = "50314b8e9bcf000000000000_505bd76785ebb509fc183733",
            },
        }, client.Sent.Skip(1).ToList());
    }

    [Test]
    public async Task Without_use_segment_spec_the_order_is_placed_order()
    {
        var (_, client) = await Send(new ClassicSettings { EnforceEmail = false, UseSegmentSpec = false }, TestEvents.MonopolyUnoOrder);

        Assert.That(client.Sent.Cast<TrackEventRequest>().Select(r => r.MetricName), Is.EqualTo(new[] { "Placed Order", "Ordered Product", "Ordered Product" }));
    }

    [Test]
    public async Task With_enforce_email_an_order_without_email_is_not_delivered()
    {
        var (result, client) = await Send(new ClassicSettings(), TestEvents.MonopolyUnoOrder);

        Assert.Multiple(() =>
        {
            Assert.That(((InvalidOutcome)result.Outcomes.Single()).Errors.Single().Field, Is.EqualTo("properties.email"));
            Assert.That(client.Sent, Is.Empty);
        });
    }

    [Test]
    public async Task With_enforce_email_a_track_uses_the_properties_email_and_no_external_id()
    {
        const string track = """{"type":"track","event":"Item Added","userId":"jane@example.com","messageId":"m1","properties":{"price":39.95,"revenue":39.95}}""";

        var (_, client) = await Send(new ClassicSettings(), track);

        RequestDump.AssertSame(new TrackEventRequest
        {
            Profile = new EventProfile { Email = "jane@example.com" },
            MetricName = "Item Added",
            Properties = new Dictionary<string, object?> { ["price"] = 39.95m, ["revenue"] = 39.95m },
            Value = 39.95m,
            UniqueId = "m1",
        }, client.Sent.Single());
    }

    [Test]
    public async Task A_product_without_an_id_fails_alone_and_the_order_and_other_products_are_sent()
    {
        const string order = """
            {"type":"track","event":"Order Completed","userId":"u-14","messageId":"m14","timestamp":"2024-05-01T12:00:00Z",
             "properties":{"orderId":"o14","revenue":10,"products":[{"id":"p1","price":4},{"name":"no id","price":6}]}}
            """;

        var (result, client) = await Send(new ClassicSettings { EnforceEmail = false }, order);

        var sent = (SentOutcome)result.Outcomes.Single();
        var events = client.Sent.Cast<TrackEventRequest>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(r => (r.MetricName, r.UniqueId, r.Value)), Is.EqualTo(new[]
            {
                ("Order Completed", (string?)"o14", (decimal?)10m),
                ("Ordered Product", "o14_p1", 4m),
            }));
            Assert.That(sent.Results, Has.Count.EqualTo(2));
            Assert.That(sent.Warnings.Select(w => (w.Field, w.Rule)), Is.EqualTo(new[] { ("properties.products[1]", "required") }));
            Assert.That(sent.ToString(), Does.Contain("properties.products[1] (required)"));
        });
    }

    [Test]
    public async Task A_product_with_a_non_numeric_price_fails_alone()
    {
        const string order = """
            {"type":"track","event":"Order Completed","userId":"u-15","messageId":"m15",
             "properties":{"orderId":"o15","revenue":10,"products":[{"id":"p1","price":"4.50"},{"id":"p2","price":"six"},"not a product"]}}
            """;

        var (result, client) = await Send(new ClassicSettings { EnforceEmail = false }, order);

        var sent = (SentOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            Assert.That(client.Sent.Cast<TrackEventRequest>().Select(r => (r.UniqueId, r.Value)), Is.EqualTo(new[] { ((string?)"o15", (decimal?)10m), ("o15_p1", 4.50m) }));
            Assert.That(sent.Warnings.Select(w => (w.Field, w.Rule)), Is.EquivalentTo(new[] { ("properties.products[1].price", "type"), ("properties.products[2]", "type") }));
        });
    }

    [Test]
    public async Task Without_enforce_email_an_identify_without_email_upserts_the_profile_and_skips_only_the_list_add()
    {
        const string identify = """{"type":"identify","userId":"u-8","messageId":"m8","traits":{"firstName":"Bo"}}""";

        var (result, client) = await Send(new ClassicSettings { EnforceEmail = false, ListId = "DefLst" }, identify);

        var sent = (SentOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            RequestDump.AssertSame(new UpsertProfileRequest { ExternalId = "u-8", FirstName = "Bo" }, client.Sent.Single());
            Assert.That(sent.Warnings.Select(w => (w.Field, w.Rule)), Is.EqualTo(new[] { ("traits.email", "required_for_list") }));
        });
    }

    [Test]
    public async Task A_phone_that_cannot_be_converted_is_left_out_of_the_profile_with_a_warning()
    {
        const string identify = """{"type":"identify","userId":"u-9","messageId":"m9","traits":{"email":"ann@example.com","phone":"(415) 555-2671","firstName":"Ann"}}""";

        var (result, client) = await Send(new ClassicSettings(), identify);

        var sent = (SentOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            RequestDump.AssertSame(new UpsertProfileRequest { Email = "ann@example.com", FirstName = "Ann" }, client.Sent.Single());
            Assert.That(sent.Warnings.Select(w => (w.Field, w.Rule)), Is.EqualTo(new[] { ("traits.phone", "phone_e164") }));
            Assert.That(sent.Warnings.Single().Message + sent, Does.Not.Contain("555").And.Not.Contain("ann@"), "no personal data in the reason");
        });
    }

    [Test]
    public async Task A_national_phone_with_an_iso_country_trait_is_converted()
    {
        const string identify = """{"type":"identify","userId":"u-9","messageId":"m9","traits":{"email":"ann@example.com","phone":"(415) 555-2671","country":"US"}}""";

        var (result, client) = await Send(new ClassicSettings(), identify);

        Assert.Multiple(() =>
        {
            Assert.That(((UpsertProfileRequest)client.Sent.Single()).PhoneNumber, Is.EqualTo("+14155552671"));
            Assert.That(((SentOutcome)result.Outcomes.Single()).Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task Actions_mode_still_rejects_an_identify_whose_phone_cannot_be_converted()
    {
        const string json = """{ "mappings": [ { "action": "upsertProfile" } ] }""";
        const string identify = """{"type":"identify","userId":"u-9","messageId":"m9","traits":{"email":"ann@example.com","phone":"(415) 555-2671"}}""";
        var client = new RecordingKlaviyoClient();

        var result = await new KlaviyoDestination(DestinationConfiguration.Parse(json), client).SendAsync(SegmentEvent.Parse(identify));

        Assert.Multiple(() =>
        {
            Assert.That(((InvalidOutcome)result.Outcomes.Single()).Errors.Single().Rule, Is.EqualTo("phone_e164"));
            Assert.That(client.Sent, Is.Empty);
        });
    }

    [Test]
    public async Task A_non_numeric_revenue_leaves_the_value_out_with_a_warning()
    {
        const string track = """{"type":"track","event":"Item Added","userId":"jane@example.com","messageId":"m1","properties":{"revenue":"lots"}}""";

        var (result, client) = await Send(new ClassicSettings(), track);

        var sent = (SentOutcome)result.Outcomes.Single();
        var request = (TrackEventRequest)client.Sent.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Value, Is.Null);
            Assert.That(request.Properties!["revenue"], Is.EqualTo("lots"), "the property itself is kept");
            Assert.That(sent.Warnings.Select(w => (w.Field, w.Rule)), Is.EqualTo(new[] { ("properties.revenue", "type") }));
        });
    }

    [Test]
    public async Task Original_timestamp_is_the_event_time_when_timestamp_is_missing()
    {
        const string track = """{"type":"track","event":"Item Added","userId":"jane@example.com","messageId":"m1","originalTimestamp":"2024-05-01T14:00:00+02:00"}""";
        const string both = """{"type":"track","event":"Item Added","userId":"jane@example.com","messageId":"m2","timestamp":"2024-05-02T12:00:00Z","originalTimestamp":"2024-05-01T14:00:00+02:00"}""";

        var (_, client) = await Send(new ClassicSettings(), track);
        var (_, bothClient) = await Send(new ClassicSettings(), both);

        Assert.Multiple(() =>
        {
            Assert.That(((TrackEventRequest)client.Sent.Single()).Time, Is.EqualTo(May1));
            Assert.That(((TrackEventRequest)bothClient.Sent.Single()).Time, Is.EqualTo(May1.AddDays(1)), "timestamp wins");
        });
    }

    [Test]
    public async Task Anonymous_calls_need_the_fallback_setting()
    {
        const string anonymous = """{"type":"identify","anonymousId":"anon-1","messageId":"m","traits":{"email":"a@b.com"}}""";

        var (refused, _) = await Send(new ClassicSettings { EnforceEmail = false }, anonymous);
        var (accepted, client) = await Send(new ClassicSettings { EnforceEmail = false, SendAnonymous = true }, anonymous);

        Assert.Multiple(() =>
        {
            Assert.That(((InvalidOutcome)refused.Outcomes.Single()).Errors.Single().Field, Is.EqualTo("userId"));
            Assert.That(accepted.Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Sent));
            Assert.That(((UpsertProfileRequest)client.Sent.Single()).ExternalId, Is.EqualTo("anon-1"));
        });
    }

    [Test]
    public async Task Page_screen_group_and_alias_are_skipped()
    {
        foreach (string type in new[] { "page", "screen", "group", "alias" })
        {
            var (result, client) = await Send(new ClassicSettings(), $$"""{"type":"{{type}}","userId":"u"}""");
            Assert.That(((SkippedOutcome)result.Outcomes.Single()).Reason, Is.EqualTo(SkipReason.UnsupportedEventType), type);
            Assert.That(client.Sent, Is.Empty);
        }
    }
}
