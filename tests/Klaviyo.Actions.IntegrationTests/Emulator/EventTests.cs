using System.Net;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary><c>POST /api/events</c> and <c>POST /api/event-bulk-create-jobs</c>: recording, de-duplication, limits and pointers.</summary>
public sealed class EventTests : EmulatorTestBase
{
    private const string Ada = """{"email":"ada@shop.dev"}""";

    [Test]
    public async Task An_event_is_202_without_body_and_creates_its_profile()
    {
        using var response = await PostAsync("api/events", Payloads.Event(
            "Placed Order", """{"email":"ada@shop.dev","first_name":"Ada"}""", "order-1", "2026-07-31T10:15:30.250+02:00", """{"total":9.99}"""));
        await ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);

        var item = Emulator.Events.Single();
        var profile = Emulator.FindProfileByEmail("ada@shop.dev")!;
        Assert.Multiple(() =>
        {
            Assert.That(item.ProfileId, Is.EqualTo(profile.Id));
            Assert.That(item.MetricName, Is.EqualTo("Placed Order"));
            Assert.That(item.UniqueId, Is.EqualTo("order-1"));
            Assert.That(item.Time, Is.EqualTo(new DateTimeOffset(2026, 7, 31, 8, 15, 30, TimeSpan.Zero)), "UTC, truncated to the second");
            Assert.That(item.Properties.GetProperty("total").GetDecimal(), Is.EqualTo(9.99m));
            Assert.That(profile.FirstName, Is.EqualTo("Ada"));
            Assert.That(profile.LastEventDate, Is.EqualTo(item.Time));
        });
    }

    [Test]
    public async Task A_repeated_unique_id_for_the_same_profile_and_metric_keeps_the_first()
    {
        using var first = await PostAsync("api/events", Payloads.Event("Viewed", Ada, "u-1", properties: """{"n":1}"""));
        using var second = await PostAsync("api/events", Payloads.Event("Viewed", Ada, "u-1", properties: """{"n":2}"""));
        using var otherMetric = await PostAsync("api/events", Payloads.Event("Clicked", Ada, "u-1"));
        using var otherProfile = await PostAsync("api/events", Payloads.Event("Viewed", """{"email":"bo@shop.dev"}""", "u-1"));
        await ExpectAsync(first, HttpStatusCode.Accepted);
        await ExpectAsync(second, HttpStatusCode.Accepted);
        await ExpectAsync(otherMetric, HttpStatusCode.Accepted);
        await ExpectAsync(otherProfile, HttpStatusCode.Accepted);

        var viewed = Emulator.Events.Where(e => e.MetricName == "Viewed" && e.UniqueId == "u-1").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Emulator.Events, Has.Count.EqualTo(3));
            Assert.That(viewed.Single(e => e.ProfileId == Emulator.FindProfileByEmail("ada@shop.dev")!.Id).Properties.GetProperty("n").GetInt32(), Is.EqualTo(1));
            Assert.That(Emulator.DroppedDuplicateEventCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Without_unique_id_events_in_the_same_second_collapse()
    {
        using var first = await PostAsync("api/events", Payloads.Event("Viewed", Ada));
        using var second = await PostAsync("api/events", Payloads.Event("Viewed", Ada));
        Time.Advance(TimeSpan.FromSeconds(1));
        using var third = await PostAsync("api/events", Payloads.Event("Viewed", Ada));
        Assert.That(Emulator.Events, Has.Count.EqualTo(2));
    }

    [TestCase(127, HttpStatusCode.Accepted)]
    [TestCase(128, HttpStatusCode.BadRequest)]
    public async Task Metric_name_must_be_shorter_than_128(int length, HttpStatusCode expected)
    {
        using var response = await PostAsync("api/events", Payloads.Event(new string('m', length), Ada));
        await ExpectAsync(response, expected);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/metric/data/attributes/name" }));
        }
    }

    [TestCase("1999-12-31T23:59:59Z", HttpStatusCode.BadRequest)]
    [TestCase("2000-01-01T00:00:00Z", HttpStatusCode.Accepted)]
    [TestCase("2027-08-01T12:00:00Z", HttpStatusCode.Accepted)]
    [TestCase("2027-08-01T12:00:01Z", HttpStatusCode.BadRequest)]
    [TestCase("1722513600", HttpStatusCode.BadRequest)]
    public async Task Time_must_be_between_2000_and_a_year_ahead(string time, HttpStatusCode expected)
    {
        using var response = await PostAsync("api/events", Payloads.Event("Viewed", Ada, time: time));
        await ExpectAsync(response, expected);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/time" }));
        }
    }

    [TestCase(400, HttpStatusCode.Accepted)]
    [TestCase(401, HttpStatusCode.BadRequest)]
    public async Task At_most_400_properties(int count, HttpStatusCode expected)
    {
        string properties = "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"p{i}\":{i}")) + "}";
        using var response = await PostAsync("api/events", Payloads.Event("Viewed", Ada, properties: properties));
        await ExpectAsync(response, expected);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/properties" }));
        }
    }

    [Test]
    public async Task Property_strings_over_100KB_are_rejected_at_their_pointer()
    {
        string properties = "{\"items\":[{\"note\":\"" + new string('x', 100_001) + "\"}]}";
        using var response = await PostAsync("api/events", Payloads.Event("Viewed", Ada, properties: properties));
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/properties/items/0/note" }));
    }

    [TestCase("""{"first_name":"No identifier"}""", "/data/attributes/profile/data/attributes")]
    [TestCase("""{"phone_number":"12345"}""", "/data/attributes/profile/data/attributes/phone_number")]
    [TestCase("""{"email":"bad"}""", "/data/attributes/profile/data/attributes/email")]
    public async Task The_profile_needs_a_valid_identifier(string profile, string expectedPointer)
    {
        using var response = await PostAsync("api/events", Payloads.Event("Viewed", profile));
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await PointersAsync(response), Is.EqualTo(new[] { expectedPointer }));
    }

    [Test]
    public async Task An_invalid_phone_next_to_a_valid_email_is_ignored()
    {
        using var response = await PostAsync("api/events", Payloads.Event("Viewed", """{"email":"ada@shop.dev","phone_number":"12345"}"""));
        await ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.That(Emulator.FindProfileByEmail("ada@shop.dev")!.PhoneNumber, Is.Null);
    }

    [Test]
    public async Task Missing_properties_and_unknown_attributes_are_reported_together()
    {
        string body = """
            {"data":{"type":"event","attributes":{"metricName":"x","metric":{"data":{"type":"metric","attributes":{"name":"Viewed"}}},
            "profile":{"data":{"type":"profile","attributes":{"email":"a@shop.dev"}}}}}}
            """;
        using var response = await PostAsync("api/events", body);
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await PointersAsync(response), Is.EquivalentTo(new[] { "/data/attributes/metricName", "/data/attributes/properties" }));
    }

    [Test]
    public async Task Bulk_events_are_recorded_per_profile()
    {
        using var response = await PostAsync("api/event-bulk-create-jobs", Payloads.BulkEvents(
        [
            Payloads.BulkRow(Ada, Payloads.BulkEvent("Viewed", "v-1"), Payloads.BulkEvent("Viewed", "v-2")),
            Payloads.BulkRow("""{"phone_number":"+15005550006"}""", Payloads.BulkEvent("Clicked", "c-1")),
        ]));
        await ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(Emulator.Events, Has.Count.EqualTo(3));
            Assert.That(Emulator.Events.All(e => e.FromBulk), Is.True);
            Assert.That(Emulator.Profiles, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task A_unique_id_repeated_within_a_bulk_request_fails_the_whole_request()
    {
        using var response = await PostAsync("api/event-bulk-create-jobs", Payloads.BulkEvents(
        [
            Payloads.BulkRow(Ada, Payloads.BulkEvent("Viewed", "same")),
            Payloads.BulkRow("""{"email":"bo@shop.dev"}""", Payloads.BulkEvent("Viewed", "fine")),
            Payloads.BulkRow("""{"email":"ADA@shop.dev"}""", Payloads.BulkEvent("Viewed", "same")),
        ]));
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        var pointers = await PointersAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(pointers, Is.EqualTo(new[] { "/data/attributes/events-bulk-create/data/2/attributes/events/data/0/attributes/unique_id" }));
            Assert.That(Emulator.Events, Is.Empty);
            Assert.That(Emulator.Profiles, Is.Empty);
        });
    }

    [Test]
    public async Task A_bad_row_fails_the_request_with_row_pointers()
    {
        using var response = await PostAsync("api/event-bulk-create-jobs", Payloads.BulkEvents(
        [
            Payloads.BulkRow(Ada, Payloads.BulkEvent("Viewed")),
            Payloads.BulkRow("""{"email":"not-an-email"}""", Payloads.BulkEvent("Viewed")),
            Payloads.BulkRow("""{"email":"ok@shop.dev"}""", Payloads.BulkEvent("Viewed"), Payloads.BulkEvent(new string('m', 200))),
        ]));
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        var pointers = await PointersAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(pointers, Is.EqualTo(new[]
            {
                "/data/attributes/events-bulk-create/data/1/attributes/profile/data/attributes/email",
                "/data/attributes/events-bulk-create/data/2/attributes/events/data/1/attributes/metric/data/attributes/name",
            }));
            Assert.That(Emulator.Events, Is.Empty);
        });
    }

    [TestCase(1000, HttpStatusCode.Accepted)]
    [TestCase(1001, HttpStatusCode.BadRequest)]
    public async Task Bulk_events_accept_up_to_1000_events(int count, HttpStatusCode expected)
    {
        var rows = Enumerable.Range(0, count / 2)
            .Select(i => Payloads.BulkRow($$"""{"external_id":"u{{i}}"}""", Payloads.BulkEvent("Viewed", $"a{i}"), Payloads.BulkEvent("Viewed", $"b{i}")))
            .ToList();
        if (count % 2 == 1)
        {
            rows.Add(Payloads.BulkRow("""{"external_id":"odd"}""", Payloads.BulkEvent("Viewed", "odd")));
        }

        using var response = await PostAsync("api/event-bulk-create-jobs", Payloads.BulkEvents(rows));
        await ExpectAsync(response, expected);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/events-bulk-create/data" }));
        }

        Assert.That(Emulator.Events, Has.Count.EqualTo(expected == HttpStatusCode.Accepted ? count : 0));
    }
}
