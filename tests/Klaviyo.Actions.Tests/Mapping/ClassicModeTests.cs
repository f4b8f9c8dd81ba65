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
    public async Task A_product_without_an_id_makes_the_order_invalid_and_nothing_is_sent()
    {
        string order = TestEvents.MonopolyUnoOrder
            .Replace("\"id\": \"505bd76785ebb509fc183733\",", string.Empty, StringComparison.Ordinal)
            .Replace("\"sku\": \"46493-32\",", string.Empty, StringComparison.Ordinal);

        var (result, client) = await Send(new ClassicSettings { EnforceEmail = false }, order);

        Assert.Multiple(() =>
        {
            Assert.That(((InvalidOutcome)result.Outcomes.Single()).Errors.Single().Field, Is.EqualTo("properties.products[1]"));
            Assert.That(client.Sent, Is.Empty);
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
