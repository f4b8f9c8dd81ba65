using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Segment's empty-value removal and type coercion before an action runs (spec §2.2, §2.3).</summary>
public class CoercionAndEmptyValueTests
{
    private const string Event = """{"type":"track","event":"E","userId":"u1","messageId":"msg-1","timestamp":"2024-05-01T12:00:00Z","properties":{}}""";

    private static ActionMappingResult Map(string action, string mapping, string json = Event) =>
        KlaviyoActionMapper.Map(KlaviyoActionCatalog.Get(action), JsonDocument.Parse(mapping).RootElement, SegmentEvent.Parse(json));

    private static T Request<T>(ActionMappingResult result)
    {
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors));
        return (T)result.Action!.GetRequest();
    }

    [Test]
    public void Root_empty_strings_and_nulls_are_removed()
    {
        var request = Request<UpsertProfileRequest>(Map("upsertProfile", """{"email":"","external_id":"x","first_name":null,"last_name":"","title":"  "}"""));

        RequestDump.AssertSame(new UpsertProfileRequest { ExternalId = "x", Title = "  " }, request);
    }

    [Test]
    public void Location_keeps_null_and_empty_sub_fields_drops_unknown_ones_and_may_be_empty()
    {
        var request = Request<UpsertProfileRequest>(Map("upsertProfile", """{"external_id":"x","location":{"city":null,"region":"","zip":94107,"latitude":48.85,"foo":"bar"}}"""));
        var empty = Request<UpsertProfileRequest>(Map("upsertProfile", """{"external_id":"x","location":{"city":{"@path":"$.nope"}}}"""));

        Assert.Multiple(() =>
        {
            RequestDump.AssertSame(new ProfileLocation { City = null, Region = "", Zip = "94107", Latitude = "48.85" }, request.Location.Value);
            Assert.That(empty.Location.HasValue, Is.True);
            Assert.That(empty.Location.Value!.IsEmpty, Is.True);
        });
    }

    [Test]
    public void Free_form_objects_lose_null_and_empty_values_at_every_depth()
    {
        var request = Request<UpsertProfileRequest>(Map("upsertProfile",
            """{"external_id":"x","properties":{"a":"","b":null,"c":"  ","d":[1,"",null,2],"e":{"f":null,"g":""},"h":0,"i":false}}"""));

        RequestDump.AssertSame(new Dictionary<string, object?>
        {
            ["c"] = "  ",
            ["d"] = new List<object?> { 1L, 2L },
            ["e"] = new Dictionary<string, object?>(),
            ["h"] = 0L,
            ["i"] = false,
        }, request.Properties);
    }

    [TestCase("""{"external_id":12345}""", "12345")]
    [TestCase("""{"external_id":12.5}""", "12.5")]
    [TestCase("""{"external_id":true}""", "true")]
    [TestCase("""{"external_id":["only"]}""", "only")]
    public void Numbers_booleans_and_one_item_arrays_become_text_for_string_fields(string mapping, string expected) =>
        Assert.That(Request<UpsertProfileRequest>(Map("upsertProfile", mapping)).ExternalId, Is.EqualTo(expected));

    [TestCase("""{"email":{"a":1},"external_id":"x"}""", "email", "type", "Email must be a string but it was an object.")]
    [TestCase("""{"email":["a@x.com","b@x.com"],"external_id":"x"}""", "email", "type", "Email must be a string but it was an array.")]
    [TestCase("""{"external_id":"x","properties":"nope"}""", "properties", "type", "Properties must be an object but it was a string.")]
    [TestCase("""{"external_id":"x","location":[1]}""", "location", "type", "Location must be an object but it was an array.")]
    [TestCase("""{"external_id":"x","location":{"city":{"x":1}}}""", "location.city", "type", "City must be a string but it was an object.")]
    [TestCase("""{"external_id":"x","batch_size":5}""", "batch_size", "minimum", "Batch Size must be greater than or equal to 100 but it was 5.")]
    [TestCase("""{"external_id":"x","batch_size":20000}""", "batch_size", "maximum", "Batch Size must be less than or equal to 10000 but it was 20000.")]
    [TestCase("""{"external_id":"x","enable_batching":"maybe"}""", "enable_batching", "type", "Batch Data to Klaviyo must be a boolean but it was a string.")]
    public void Wrong_types_are_invalid_naming_field_and_rule(string mapping, string field, string rule, string message)
    {
        var result = Map("upsertProfile", mapping);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors, Has.Some.EqualTo(new KlaviyoValidationError(field, rule, message)));
    }

    [TestCase("\"10.50\"", 10.50)]
    [TestCase("10", 10)]
    [TestCase("\" 7 \"", 7)]
    [TestCase("true", 1)]
    [TestCase("[\"3\"]", 3)]
    public void Value_coerces_numeric_text_to_a_number(string value, decimal expected)
    {
        var request = Request<TrackEventRequest>(Map("trackEvent", $$"""{"profile":{"external_id":"u"},"metric_name":"E","properties":{},"value":{{value}}}"""));
        Assert.That(request.Value, Is.EqualTo(expected));
    }

    [Test]
    public void Value_that_is_not_numeric_is_invalid()
    {
        var result = Map("trackEvent", """{"profile":{"external_id":"u"},"metric_name":"E","properties":{},"value":"ten"}""");
        Assert.That(result.Errors, Is.EqualTo(new[] { new KlaviyoValidationError("value", "type", "Value must be a number but it was a string.") }));
    }

    [TestCase("1714564800")]
    [TestCase("1714564800000")]
    [TestCase("\"1714564800\"")]
    [TestCase("\"2024-05-01T12:00:00.000Z\"")]
    public void Time_accepts_epochs_and_iso_text(string time)
    {
        var request = Request<TrackEventRequest>(Map("trackEvent", $$"""{"profile":{"external_id":"u"},"metric_name":"E","properties":{},"time":{{time}}}"""));
        Assert.That(request.Time, Is.EqualTo(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Time_that_is_not_date_like_is_invalid()
    {
        var result = Map("trackEvent", """{"profile":{"external_id":"u"},"metric_name":"E","properties":{},"time":"yesterday-ish"}""");
        Assert.That(result.Errors, Is.EqualTo(new[] { new KlaviyoValidationError("time", "datetime", "Time must be a valid date-like string but it was not.") }));
    }

    [Test]
    public void Required_fields_missing_are_invalid_with_segments_message()
    {
        var result = Map("trackEvent", """{"profile":{"external_id":"u"}}""");

        Assert.That(result.Errors, Is.EquivalentTo(new[]
        {
            new KlaviyoValidationError("metric_name", "required", "The root value is missing the required field 'metric_name'."),
            new KlaviyoValidationError("properties", "required", "The root value is missing the required field 'properties'."),
        }));
    }

    [Test]
    public void A_required_field_that_resolves_to_nothing_is_missing()
    {
        var result = Map("addProfileToList", """{"email":"jane@example.com","list_id":{"@path":"$.context.personas.external_audience_id"}}""");

        Assert.That(result.Errors, Is.EqualTo(new[] { new KlaviyoValidationError("list_id", "required", "The root value is missing the required field 'list_id'.") }));
    }

    [Test]
    public void Unique_id_falls_back_to_message_id_and_a_mapped_one_wins()
    {
        var fallback = Request<TrackEventRequest>(Map("trackEvent", """{"profile":{"external_id":"u"},"metric_name":"E","properties":{}}"""));
        var mapped = Request<TrackEventRequest>(Map("trackEvent", """{"profile":{"external_id":"u"},"metric_name":"E","properties":{},"unique_id":"mine"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(fallback.UniqueId, Is.EqualTo("msg-1"));
            Assert.That(mapped.UniqueId, Is.EqualTo("mine"));
        });
    }

    [Test]
    public void Profile_keeps_additional_attributes_and_drops_their_empty_values()
    {
        var request = Request<TrackEventRequest>(Map("trackEvent",
            """{"profile":{"external_id":42,"email":"j@x.com","first_name":"Jane","nickname":"","properties":{"plan":"pro"}},"metric_name":"E","properties":{}}"""));

        RequestDump.AssertSame(new EventProfile
        {
            ExternalId = "42",
            Email = "j@x.com",
            AdditionalAttributes = new Dictionary<string, object?>
            {
                ["first_name"] = "Jane",
                ["properties"] = new Dictionary<string, object?> { ["plan"] = "pro" },
            },
        }, request.Profile);
    }

    [Test]
    public void A_single_product_object_becomes_a_one_item_list_with_known_keys_typed()
    {
        var request = Request<OrderCompletedRequest>(Map("orderCompleted",
            """
            {"profile":{"external_id":"u"},"properties":{},
             "products":{"productId":"P1","id":"ALT","sku":"S1","name":"Shoe","category":"Shoes","brand":"B","variant":"red",
                         "price":"49.99","quantity":2,"productUrl":"https://x/p","imageUrl":"https://x/i.png","color":"red"}}
            """));

        RequestDump.AssertSame(new List<OrderProduct>
        {
            new()
            {
                ProductId = "P1", Sku = "S1", Name = "Shoe", Category = "Shoes", Brand = "B", Variant = "red",
                Price = 49.99m, Quantity = 2m, Url = "https://x/p", ImageUrl = "https://x/i.png",
                AdditionalProperties = new Dictionary<string, object?> { ["id"] = "ALT", ["color"] = "red" },
            },
        }, request.Products);
    }

    [Test]
    public void Product_values_of_the_wrong_type_are_invalid_by_index()
    {
        var result = Map("orderCompleted", """{"profile":{"external_id":"u"},"properties":{},"products":[{"sku":"ok"},"nope",{"price":"cheap"}]}""");

        Assert.That(result.Errors, Is.EquivalentTo(new[]
        {
            new KlaviyoValidationError("products[1]", "type", "Each item of Products must be an object but item 1 was a string."),
            new KlaviyoValidationError("products[1].price", "type", "Product price must be a number but it was a string."),
        }));
    }

    [Test]
    public void Batching_flag_and_size_are_read_for_the_dispatcher()
    {
        var on = Map("trackEvent", """{"profile":{"external_id":"u"},"metric_name":"E","properties":{},"enable_batching":"true","batch_size":"500"}""");
        var off = Map("orderCompleted", """{"profile":{"external_id":"u"},"properties":{},"enable_batching":true}""");

        Assert.Multiple(() =>
        {
            Assert.That(on.Dispatch, Is.EqualTo(new KlaviyoDispatchOptions(true, 500)));
            Assert.That(off.Dispatch, Is.EqualTo(KlaviyoDispatchOptions.Immediate));
        });
    }

    [Test]
    public void Subscribe_custom_source_falls_back_to_segments_source()
    {
        var request = Request<SubscribeProfileRequest>(Map("subscribeProfile", """{"email":"j@x.com","custom_source":"","historical_import":"true"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(request.CustomSource, Is.EqualTo("-59"));
            Assert.That(request.HistoricalImport, Is.True);
        });
    }

    [Test]
    public void Upsert_list_precedence_is_hook_then_override_then_list_id()
    {
        var action = KlaviyoActionCatalog.Get("upsertProfile");
        var segmentEvent = SegmentEvent.Parse(Event);
        var both = JsonDocument.Parse("""{"external_id":"x","list_id":"L1","override_list_id":"L2"}""").RootElement;
        var onlyList = JsonDocument.Parse("""{"external_id":"x","list_id":"L1"}""").RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(((UpsertProfileRequest)KlaviyoActionMapper.Map(action, both, segmentEvent, "HOOK").Action!.GetRequest()).ListId, Is.EqualTo("HOOK"));
            Assert.That(((UpsertProfileRequest)KlaviyoActionMapper.Map(action, both, segmentEvent).Action!.GetRequest()).ListId, Is.EqualTo("L2"));
            Assert.That(((UpsertProfileRequest)KlaviyoActionMapper.Map(action, onlyList, segmentEvent).Action!.GetRequest()).ListId, Is.EqualTo("L1"));
        });
    }

    [Test]
    public void A_mapping_that_is_not_an_object_is_invalid()
    {
        var result = KlaviyoActionMapper.Map(KlaviyoActionCatalog.Get("trackEvent"), JsonDocument.Parse("[1]").RootElement, SegmentEvent.Parse(Event));
        Assert.That(result.Errors.Single().Rule, Is.EqualTo("mapping_object"));
    }
}
