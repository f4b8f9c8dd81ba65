using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

public class TrackEventTests
{
    private static KlaviyoApiMock AcceptingEvents()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        return api;
    }

    private static TrackEventRequest ProductViewed(string? uniqueId = null, DateTimeOffset? time = null, decimal price = 49.99m) => new()
    {
        MetricName = "Product Viewed",
        Profile = new EventProfile { ExternalId = "user-123", AnonymousId = "anon-456" },
        Properties = new Dictionary<string, object?> { ["product_id"] = "sku-1", ["name"] = "Shoe", ["price"] = price, ["revenue"] = price },
        Time = time,
        UniqueId = uniqueId,
    };

    [Test]
    public async Task Sends_the_single_event_shape_with_the_callers_unique_id_and_a_utc_millisecond_time()
    {
        var api = AcceptingEvents();

        var result = await api.CreateClient().TrackEventAsync(
            ProductViewed("msg-track-1", new DateTimeOffset(2024, 5, 1, 14, 0, 0, TimeSpan.FromHours(2))));

        Assert.That(result.UniqueId, Is.EqualTo("msg-track-1"));
        var request = api.Requests.Single();
        Assert.That(request.ToString(), Is.EqualTo("POST /api/events"));
        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"event","attributes":{
              "properties":{"product_id":"sku-1","name":"Shoe","price":49.99,"revenue":49.99},
              "time":"2024-05-01T12:00:00.000Z",
              "unique_id":"msg-track-1",
              "metric":{"data":{"type":"metric","attributes":{"name":"Product Viewed"}}},
              "profile":{"data":{"type":"profile","attributes":{"external_id":"user-123","anonymous_id":"anon-456"}}}}}}
            """,
            request.Body!);
    }

    [Test]
    public async Task Without_a_unique_id_the_derived_id_is_stable_for_the_same_request()
    {
        var api = AcceptingEvents();
        var client = api.CreateClient();
        var time = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        var first = await client.TrackEventAsync(ProductViewed(time: time));
        var second = await client.TrackEventAsync(ProductViewed(time: time));

        Assert.That(first.UniqueId, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(second.UniqueId, Is.EqualTo(first.UniqueId));
        Assert.That(api.Requests.Select(r => r.Json.GetProperty("data").GetProperty("attributes").GetProperty("unique_id").GetString()),
            Is.All.EqualTo(first.UniqueId));
    }

    [Test]
    public async Task The_derived_id_changes_when_any_field_changes_but_not_with_property_order()
    {
        var client = AcceptingEvents().CreateClient();
        var time = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var baseline = ProductViewed(time: time);

        string id = (await client.TrackEventAsync(baseline)).UniqueId;
        var reordered = baseline with
        {
            Properties = new Dictionary<string, object?> { ["revenue"] = 49.99m, ["price"] = 49.990m, ["name"] = "Shoe", ["product_id"] = "sku-1" },
        };

        string reorderedId = (await client.TrackEventAsync(reordered)).UniqueId;
        string propertyId = (await client.TrackEventAsync(ProductViewed(time: time, price: 50m))).UniqueId;
        string timeId = (await client.TrackEventAsync(ProductViewed(time: time.AddSeconds(1)))).UniqueId;
        string metricId = (await client.TrackEventAsync(baseline with { MetricName = "Product Added" })).UniqueId;
        string valueId = (await client.TrackEventAsync(baseline with { Value = 1m })).UniqueId;
        string euroId = (await client.TrackEventAsync(baseline with { Value = 1m, ValueCurrency = "EUR" })).UniqueId;
        string dollarId = (await client.TrackEventAsync(baseline with { Value = 1m, ValueCurrency = "USD" })).UniqueId;
        string profileId = (await client.TrackEventAsync(baseline with { Profile = new EventProfile { ExternalId = "user-124", AnonymousId = "anon-456" } })).UniqueId;

        Assert.Multiple(() =>
        {
            Assert.That(reorderedId, Is.EqualTo(id), "same properties in another order, 49.990 == 49.99");
            Assert.That(propertyId, Is.Not.EqualTo(id), "property");
            Assert.That(timeId, Is.Not.EqualTo(id), "time");
            Assert.That(metricId, Is.Not.EqualTo(id), "metric");
            Assert.That(valueId, Is.Not.EqualTo(id), "value");
            Assert.That(euroId, Is.Not.EqualTo(dollarId), "currency");
            Assert.That(profileId, Is.Not.EqualTo(id), "profile");
        });
    }

    [Test]
    public async Task Without_time_or_unique_id_the_event_is_stamped_with_the_clock_truncated_to_the_second()
    {
        var api = AcceptingEvents();
        var client = api.CreateClient();

        var first = await client.TrackEventAsync(ProductViewed());
        api.Time.Advance(TimeSpan.FromMilliseconds(500)); // 12:00:00.750, same second
        var sameSecond = await client.TrackEventAsync(ProductViewed());
        api.Time.Advance(TimeSpan.FromSeconds(1)); // 12:00:01.750
        var nextSecond = await client.TrackEventAsync(ProductViewed());

        var times = api.Requests.Select(r => r.Json.GetProperty("data").GetProperty("attributes").GetProperty("time").GetString()).ToList();
        Assert.That(times, Is.EqualTo(new[] { "2024-05-01T12:00:00.000Z", "2024-05-01T12:00:00.000Z", "2024-05-01T12:00:01.000Z" }));
        Assert.That(sameSecond.UniqueId, Is.EqualTo(first.UniqueId));
        Assert.That(nextSecond.UniqueId, Is.Not.EqualTo(first.UniqueId));
    }

    [Test]
    public async Task With_a_unique_id_and_no_time_no_time_is_sent()
    {
        var api = AcceptingEvents();

        await api.CreateClient().TrackEventAsync(ProductViewed("msg-1"));

        Assert.That(api.Requests.Single().Json.GetProperty("data").GetProperty("attributes").TryGetProperty("time", out _), Is.False);
    }

    [Test]
    public async Task Null_properties_are_sent_as_an_empty_object_with_value_currency_and_extra_profile_attributes()
    {
        var api = AcceptingEvents();

        await api.CreateClient().TrackEventAsync(new TrackEventRequest
        {
            MetricName = "Refunded Order",
            Profile = new EventProfile
            {
                Email = "jane@example.com",
                PhoneNumber = "+14155552671",
                AdditionalAttributes = new Dictionary<string, object?>
                {
                    ["first_name"] = "Jane",
                    ["properties"] = new Dictionary<string, object?> { ["vip"] = true },
                    ["meta"] = new Dictionary<string, object?> { ["patch_properties"] = new Dictionary<string, object?> { ["unset"] = "skus" } },
                },
            },
            Value = 9.99m,
            ValueCurrency = "USD",
            UniqueId = "u-1",
        });

        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"event","attributes":{
              "properties":{},"value":9.99,"value_currency":"USD","unique_id":"u-1",
              "metric":{"data":{"type":"metric","attributes":{"name":"Refunded Order"}}},
              "profile":{"data":{"type":"profile","attributes":{
                "email":"jane@example.com","phone_number":"+14155552671","first_name":"Jane",
                "properties":{"vip":true},"meta":{"patch_properties":{"unset":"skus"}}}}}}}}
            """,
            api.Requests.Single().Body!);
    }

    [Test]
    public void An_extra_profile_attribute_named_like_an_identifier_is_rejected()
    {
        var api = AcceptingEvents();

        var ex = Assert.ThrowsAsync<KlaviyoValidationException>(() => api.CreateClient().TrackEventAsync(new TrackEventRequest
        {
            MetricName = "Viewed",
            Profile = new EventProfile { ExternalId = "u", AdditionalAttributes = new Dictionary<string, object?> { ["email"] = "x@example.org" } },
            UniqueId = "u-1",
        }));

        Assert.That(ex!.Errors.Single(), Is.EqualTo(new KlaviyoValidationError(
            "profile.email", "reserved_key", "'profile.email' must be set through the typed EventProfile property, not AdditionalAttributes.")));
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public void A_lone_surrogate_is_a_validation_error_not_a_transport_failure()
    {
        var api = AcceptingEvents();
        var client = api.CreateClient();

        var inProperty = Assert.ThrowsAsync<KlaviyoValidationException>(() => client.TrackEventAsync(
            ProductViewed("u") with { Properties = new Dictionary<string, object?> { ["title"] = "Great gift \ud83d" } }));
        var inMetric = Assert.ThrowsAsync<KlaviyoValidationException>(() => client.TrackEventAsync(
            ProductViewed("u") with { MetricName = "Great gift \ud83d" }));

        Assert.That((inProperty!.Errors.Single().Field, inProperty.Errors.Single().Rule), Is.EqualTo(("properties.title", "invalid_unicode")));
        Assert.That(inMetric!.Errors.Single().Rule, Is.EqualTo("invalid_unicode"));
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public void Unsupported_and_too_deep_properties_fail_before_sending()
    {
        var api = AcceptingEvents();
        var client = api.CreateClient();
        object deep = "leaf";
        for (int i = 0; i < 10; i++)
        {
            deep = new Dictionary<string, object?> { ["n"] = deep };
        }

        var unsupported = Assert.ThrowsAsync<KlaviyoValidationException>(() => client.TrackEventAsync(
            ProductViewed("u") with { Properties = new Dictionary<string, object?> { ["when"] = TimeSpan.FromHours(1) } }));
        var tooDeep = Assert.ThrowsAsync<KlaviyoValidationException>(() => client.TrackEventAsync(
            ProductViewed("u") with { Properties = new Dictionary<string, object?> { ["root"] = deep } }));

        Assert.That(unsupported!.Errors.Single().Rule, Is.EqualTo("unsupported_type"));
        Assert.That(unsupported.Errors.Single().Field, Is.EqualTo("properties.when"));
        Assert.That(unsupported.Action, Is.EqualTo("trackEvent"));
        Assert.That(tooDeep!.Errors.Single().Rule, Is.EqualTo("max_depth"));
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public void A_derived_id_fails_on_an_unsupported_property_before_sending()
    {
        var api = AcceptingEvents();

        var ex = Assert.ThrowsAsync<KlaviyoValidationException>(() => api.CreateClient().TrackEventAsync(
            ProductViewed() with { Properties = new Dictionary<string, object?> { ["x"] = new object() } }));

        Assert.That(ex!.Errors.Single().Field, Is.EqualTo("properties.x"));
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public async Task Json_values_are_sent_as_given()
    {
        var api = AcceptingEvents();
        using var document = JsonDocument.Parse("""{"items":[{"sku":"A","qty":2}],"gift":false}""");

        await api.CreateClient().TrackEventAsync(ProductViewed("u") with
        {
            Properties = new Dictionary<string, object?>
            {
                ["cart"] = document.RootElement,
                ["node"] = System.Text.Json.Nodes.JsonNode.Parse("""{"a":[1,null,"x"]}"""),
            },
        });

        JsonAssert.AreEquivalent(
            """{"cart":{"items":[{"sku":"A","qty":2}],"gift":false},"node":{"a":[1,null,"x"]}}""",
            api.Requests.Single().Json.GetProperty("data").GetProperty("attributes").GetProperty("properties").GetRawText());
    }
}
