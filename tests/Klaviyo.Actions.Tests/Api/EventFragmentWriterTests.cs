using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

/// <summary>
/// The hand-written bulk event and profile fragments are byte for byte what the source-generated serializer wrote
/// from the document objects (<see cref="EventResource"/> over <see cref="EventAttributes.ForBulkEntry"/>,
/// <see cref="EventProfileData"/> with <c>meta</c> beside the attributes), and fail with the same errors.
/// </summary>
public class EventFragmentWriterTests
{
    private const string Action = "trackEvent";

    private static readonly string[] Texts =
    [
        "plain", "", "Zoë Ünïcödé", "日本語のテキスト", "emoji 🎉👩‍💻", "quote \" backslash \\ slash /", "<script>&'</script>",
        "tab\tnew\nline\r", "\u0001\u001f control", "+14155552671", "a very long value " + new string('x', 300),
    ];

    [TestCaseSource(nameof(Events))]
    public void An_event_fragment_is_byte_identical_to_the_document_serializer(object testCase)
    {
        var data = (EventData)testCase;
        byte[] expected = KlaviyoWire.Serialize(new EventResource(EventAttributes.ForBulkEntry(data)), KlaviyoJsonContext.Default.EventResource, Action);

        var actual = EventBulkCreateEntry.SerializeEvent(data, Action);

        Assert.That(actual.Utf8Json.ToArray(), Is.EqualTo(expected), () => Encoding.UTF8.GetString(expected));
    }

    [TestCaseSource(nameof(Profiles))]
    public void A_profile_fragment_is_byte_identical_to_the_document_serializer(EventProfile profile)
    {
        byte[] expected = KlaviyoWire.Serialize(new EventProfileData(profile, MetaBesideAttributes: true), KlaviyoJsonContext.Default.EventProfileData, Action);

        var actual = EventBulkCreateEntry.SerializeProfile(profile, Action);

        Assert.That(actual.Utf8Json.ToArray(), Is.EqualTo(expected), () => Encoding.UTF8.GetString(expected));
    }

    [Test]
    public void Many_random_events_and_profiles_are_byte_identical()
    {
        var random = new Random(20261129);
        for (int i = 0; i < 2_000; i++)
        {
            var profile = RandomProfile(random);
            var data = new EventData(
                Pick(random, Texts) is { Length: > 0 } metric ? metric : "Viewed",
                profile,
                RandomProperties(random, depth: 1),
                random.Next(3) == 0 ? null : KlaviyoTime.ToWire(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(1_000_000))),
                random.Next(3) == 0 ? null : Math.Round((decimal)random.NextDouble() * 1000m, random.Next(5)),
                random.Next(2) == 0 ? null : "USD",
                Pick(random, Texts) + i);

            byte[] expectedEvent = KlaviyoWire.Serialize(new EventResource(EventAttributes.ForBulkEntry(data)), KlaviyoJsonContext.Default.EventResource, Action);
            byte[] expectedProfile = KlaviyoWire.Serialize(new EventProfileData(profile, MetaBesideAttributes: true), KlaviyoJsonContext.Default.EventProfileData, Action);

            Assert.That(EventBulkCreateEntry.SerializeEvent(data, Action).Utf8Json.ToArray(), Is.EqualTo(expectedEvent), () => $"event {i}: {Encoding.UTF8.GetString(expectedEvent)}");
            Assert.That(EventBulkCreateEntry.SerializeProfile(profile, Action).Utf8Json.ToArray(), Is.EqualTo(expectedProfile), () => $"profile {i}: {Encoding.UTF8.GetString(expectedProfile)}");

            byte[] expectedDocument = KlaviyoWire.Serialize(EventDocument.From(data), KlaviyoJsonContext.Default.EventDocument, Action);
            Assert.That(EventFragmentWriter.CreateEventDocument(data), Is.EqualTo(expectedDocument), () => $"document {i}: {Encoding.UTF8.GetString(expectedDocument)}");
        }
    }

    [TestCaseSource(nameof(Events))]
    public void A_create_event_body_is_byte_identical_to_the_document_serializer(object testCase)
    {
        var data = (EventData)testCase;
        byte[] expected = KlaviyoWire.Serialize(EventDocument.From(data), KlaviyoJsonContext.Default.EventDocument, Action);

        byte[] actual = EventFragmentWriter.CreateEventDocument(data);

        Assert.That(actual, Is.EqualTo(expected), () => Encoding.UTF8.GetString(expected));
    }

    [Test]
    public void An_event_written_straight_from_a_request_with_a_unique_id_is_what_the_resolved_event_writes()
    {
        var random = new Random(4242);
        DateTimeOffset?[] times =
        [
            null,
            new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 5, 1, 12, 0, 0, 987, TimeSpan.FromHours(-7)).AddTicks(1234),
            new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
            new DateTimeOffset(2024, 2, 29, 23, 30, 0, TimeSpan.FromHours(5.5)),
        ];
        for (int i = 0; i < 500; i++)
        {
            var request = new TrackEventRequest
            {
                MetricName = Pick(random, Texts) is { Length: > 0 } metric ? metric : "Viewed",
                Profile = RandomProfile(random),
                Properties = random.Next(4) == 0 ? null : RandomProperties(random, depth: 1),
                Time = times[random.Next(times.Length)],
                Value = random.Next(2) == 0 ? null : Math.Round((decimal)random.NextDouble() * 100m, random.Next(4)),
                ValueCurrency = random.Next(2) == 0 ? null : Pick(random, Texts),
                UniqueId = Pick(random, Texts) + "-" + i,
            };
            var properties = request.Properties ?? new Dictionary<string, object?>();
            var resolved = Klaviyo.Actions.Operations.EventResolver.Resolve(
                request.MetricName, request.Profile, properties, request.Time, request.Value, request.ValueCurrency, request.UniqueId, TimeProvider.System, Action);

            byte[] expected = EventBulkCreateEntry.SerializeEvent(resolved, Action).Utf8Json.ToArray();
            byte[] oracle = KlaviyoWire.Serialize(new EventResource(EventAttributes.ForBulkEntry(resolved)), KlaviyoJsonContext.Default.EventResource, Action);
            byte[] actual = EventBulkCreateEntry.SerializeEvent(request, properties, Action).Utf8Json.ToArray();

            Assert.That(actual, Is.EqualTo(expected), () => $"event {i}: {Encoding.UTF8.GetString(expected)}");
            Assert.That(actual, Is.EqualTo(oracle), () => $"event {i}: {Encoding.UTF8.GetString(oracle)}");
        }
    }

    [TestCaseSource(nameof(Profiles))]
    public void A_create_event_body_writes_each_profile_as_the_document_serializer_does(EventProfile profile)
    {
        var data = new EventData("Viewed", profile, AllKinds(), "2026-05-01T12:00:00+00:00", 5m, "USD", "e-1");
        byte[] expected = KlaviyoWire.Serialize(EventDocument.From(data), KlaviyoJsonContext.Default.EventDocument, Action);

        byte[] actual = EventFragmentWriter.CreateEventDocument(data);

        Assert.That(actual, Is.EqualTo(expected), () => Encoding.UTF8.GetString(expected));
    }

    [Test]
    public void A_create_event_body_fails_on_a_bad_property_or_a_reserved_profile_attribute_as_the_document_serializer_does()
    {
        var badProperty = Event(new Dictionary<string, object?> { ["ok"] = 1, ["bad"] = double.NaN });
        var reserved = new EventData(
            "Viewed",
            new EventProfile { Email = "jane@shop.test", AdditionalAttributes = new Dictionary<string, object?> { ["phone_number"] = "+14155552671" } },
            new Dictionary<string, object?>(),
            null,
            null,
            null,
            "e-2");

        foreach (var data in new[] { badProperty, reserved })
        {
            var expected = Assert.Throws<KlaviyoValidationException>(() => KlaviyoWire.Serialize(EventDocument.From(data), KlaviyoJsonContext.Default.EventDocument, Action))!;
            var actual = Assert.Throws<KlaviyoValidationException>(() => KlaviyoWire.Write(data, EventFragmentWriter.CreateEventDocument, Action))!;
            Assert.That(actual.Errors.Select(e => (e.Field, e.Rule, e.Message)), Is.EqualTo(expected.Errors.Select(e => (e.Field, e.Rule, e.Message))));
        }
    }

    [TestCaseSource(nameof(BadProperties))]
    public void A_bad_property_fails_with_the_same_error_naming_the_action(object? value)
    {
        var data = Event(new Dictionary<string, object?> { ["ok"] = 1, ["bad"] = value });

        var expected = Assert.Throws<KlaviyoValidationException>(() =>
            KlaviyoWire.Serialize(new EventResource(EventAttributes.ForBulkEntry(data)), KlaviyoJsonContext.Default.EventResource, Action))!;
        var actual = Assert.Throws<KlaviyoValidationException>(() => EventBulkCreateEntry.SerializeEvent(data, Action))!;

        Assert.That(actual.Action, Is.EqualTo(Action));
        Assert.That(actual.Errors.Select(e => (e.Field, e.Rule, e.Message)), Is.EqualTo(expected.Errors.Select(e => (e.Field, e.Rule, e.Message))));
        Assert.That(actual.Errors[0].Field, Does.StartWith("properties.bad"));
    }

    [Test]
    public void A_reserved_profile_attribute_fails_with_the_same_error_and_the_next_write_is_clean()
    {
        var profile = new EventProfile { Email = "jane@shop.test", AdditionalAttributes = new Dictionary<string, object?> { ["first_name"] = "Jane", ["email"] = "x@y.test" } };

        var expected = Assert.Throws<KlaviyoValidationException>(() =>
            KlaviyoWire.Serialize(new EventProfileData(profile, MetaBesideAttributes: true), KlaviyoJsonContext.Default.EventProfileData, Action))!;
        var actual = Assert.Throws<KlaviyoValidationException>(() => EventBulkCreateEntry.SerializeProfile(profile, Action))!;

        Assert.That(actual.Errors.Select(e => (e.Field, e.Rule, e.Message)), Is.EqualTo(expected.Errors.Select(e => (e.Field, e.Rule, e.Message))));
        Assert.That(actual.Errors[0].Rule, Is.EqualTo("reserved_key"));

        // The pooled writer is reset after a failure: the next fragment carries nothing of the failed one.
        var next = EventBulkCreateEntry.SerializeProfile(new EventProfile { ExternalId = "u-2" }, Action);
        Assert.That(next.ToString(), Is.EqualTo("""{"type":"profile","attributes":{"external_id":"u-2"}}"""));
    }

    private static IEnumerable<TestCaseData> Events()
    {
        var profile = new EventProfile { Email = "jane@shop.test" };
        yield return new TestCaseData(new EventData("Viewed", profile, new Dictionary<string, object?>(), null, null, null, "u")).SetName("Empty properties, only the unique id");
        yield return new TestCaseData(new EventData("Ordered", profile, AllKinds(), "2026-05-01T12:00:00+00:00", 19.90m, "EUR", "order-1")).SetName("Every value kind, time, value, currency");
        yield return new TestCaseData(new EventData("Ordered", profile, AllKinds(), "2026-05-01T12:00:00+00:00", 0m, null, "order-2")).SetName("Zero value without currency");
        yield return new TestCaseData(new EventData("Ordered", profile, AllKinds(), null, -1.000m, "USD", "order-3")).SetName("Negative value with trailing zeros, no time");
        yield return new TestCaseData(new EventData("Ordered", profile, AllKinds(), null, decimal.MaxValue, null, "order-4")).SetName("Max decimal");
        foreach (string text in Texts)
        {
            yield return new TestCaseData(new EventData(text, profile, new Dictionary<string, object?> { [text] = text }, text, 1m, text, text + "id"))
                .SetName($"Text '{Escape(text)}' as metric, key, value, time, currency and id");
        }
    }

    private static IEnumerable<TestCaseData> Profiles()
    {
        yield return new TestCaseData(new EventProfile()).SetName("No identifiers");
        yield return new TestCaseData(new EventProfile { Email = "jane@shop.test", PhoneNumber = "+14155552671", ExternalId = "u-1", AnonymousId = "a-1", CountryCode = "US" }).SetName("Every identifier");
        yield return new TestCaseData(new EventProfile { Email = "", PhoneNumber = "", ExternalId = "u-1", AnonymousId = "" }).SetName("Empty identifiers are omitted");
        yield return new TestCaseData(new EventProfile { AnonymousId = "a", AdditionalAttributes = AllKinds() }).SetName("Additional attributes of every kind");
        yield return new TestCaseData(new EventProfile
        {
            Email = "Zoë@shop.test",
            AdditionalAttributes = new Dictionary<string, object?> { ["first_name"] = "Zoë", ["meta"] = new Dictionary<string, object?> { ["patch_properties"] = new Dictionary<string, object?> { ["append"] = new Dictionary<string, object?> { ["tags"] = "vip" } } }, ["last_name"] = "日本" },
        }).SetName("Meta beside the attributes, unicode");
        yield return new TestCaseData(new EventProfile { ExternalId = "u", AdditionalAttributes = new Dictionary<string, object?> { ["meta"] = null } }).SetName("Null meta");
    }

    private static IEnumerable<TestCaseData> BadProperties()
    {
        yield return new TestCaseData(new object()).SetName("Unsupported type");
        yield return new TestCaseData(double.NaN).SetName("Not finite");
        yield return new TestCaseData(Nest(11)).SetName("Too deep");
        yield return new TestCaseData(new Dictionary<string, object?> { ["inner"] = new List<object?> { 1, new Uri("https://shop.test") } }).SetName("Unsupported type nested in a list");
    }

    private static object Nest(int levels)
    {
        object value = "leaf";
        for (int i = 0; i < levels; i++)
        {
            value = new Dictionary<string, object?> { ["n"] = value };
        }

        return value;
    }

    private static Dictionary<string, object?> AllKinds()
    {
        using var document = JsonDocument.Parse("""{"a":[1,2.50,"x",null,true,{"b":"ü"}],"c":1e3}""");
        return new Dictionary<string, object?>
        {
            ["null"] = null,
            ["string"] = "s",
            ["unicode"] = "Ünïcödé 🎉",
            ["bool"] = true,
            ["false"] = false,
            ["byte"] = (byte)1,
            ["sbyte"] = (sbyte)-1,
            ["short"] = (short)-2,
            ["ushort"] = (ushort)2,
            ["int"] = -3,
            ["uint"] = 3u,
            ["long"] = long.MinValue,
            ["ulong"] = ulong.MaxValue,
            ["decimal"] = 10.50m,
            ["double"] = 0.1,
            ["float"] = 1.5f,
            ["dto"] = new DateTimeOffset(2026, 5, 1, 12, 30, 15, 123, TimeSpan.FromHours(2)),
            ["dt"] = new DateTime(2026, 5, 1, 12, 30, 15, DateTimeKind.Utc),
            ["guid"] = Guid.Parse("9b2f3c1e-8f5a-4c1d-9a2b-7e6f5d4c3b2a"),
            ["element"] = document.RootElement.Clone(),
            ["node"] = JsonNode.Parse("""{"k":[1,"v",{"z":null}]}"""),
            ["dictionary"] = new Dictionary<string, object?> { ["x"] = 1, ["y"] = new[] { "p", "q" } },
            ["hashtable"] = new Hashtable { ["h"] = "v" },
            ["list"] = new List<object?> { 1, "two", null, 3.5m },
            ["array"] = new[] { 1, 2, 3 },
            ["empty"] = new Dictionary<string, object?>(),
            ["products"] = new List<Dictionary<string, object?>> { new() { ["product_id"] = "p1", ["price"] = 10m } },
        };
    }

    private static EventProfile RandomProfile(Random random) => new()
    {
        Email = random.Next(2) == 0 ? null : Pick(random, Texts) + "@shop.test",
        PhoneNumber = random.Next(3) == 0 ? "+14155552671" : null,
        ExternalId = random.Next(2) == 0 ? Pick(random, Texts) : null,
        AnonymousId = random.Next(4) == 0 ? "" : random.Next(2) == 0 ? "anon-" + random.Next(100) : null,
        AdditionalAttributes = random.Next(3) == 0 ? null : RandomProperties(random, depth: 1),
    };

    private static Dictionary<string, object?> RandomProperties(Random random, int depth)
    {
        int count = random.Next(depth == 1 ? 8 : 4);
        var properties = new Dictionary<string, object?>(count);
        for (int i = 0; i < count; i++)
        {
            properties[Pick(random, Texts) + i] = RandomValue(random, depth);
        }

        return properties;
    }

    private static object? RandomValue(Random random, int depth) => random.Next(depth < 4 ? 12 : 9) switch
    {
        0 => null,
        1 => Pick(random, Texts),
        2 => random.Next(2) == 0,
        3 => random.Next(int.MinValue, int.MaxValue),
        4 => (long)random.Next() * random.Next(),
        5 => Math.Round((decimal)random.NextDouble() * 10_000m, random.Next(6)),
        6 => random.NextDouble() * 1e6,
        7 => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(random.Next(-12, 13))).AddSeconds(random.Next()),
        8 => Guid.NewGuid(),
        9 => RandomProperties(random, depth + 1),
        10 => new List<object?> { RandomValue(random, depth + 1), RandomValue(random, depth + 1) },
        _ => JsonSerializer.SerializeToElement(Pick(random, Texts)),
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static EventData Event(Dictionary<string, object?> properties) =>
        new("Viewed", new EventProfile { Email = "jane@shop.test" }, properties, null, null, null, "u-1");

    private static string Escape(string text) =>
        new((text.Length > 20 ? text[..20] : text).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
