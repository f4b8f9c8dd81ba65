using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>
/// The read side Klaviyo → Segment uses: <c>GET /api/profiles</c> by <c>updated</c>, <c>GET /api/events</c> with its
/// filters and includes, <c>GET /api/metrics</c> — raw HTTP, as Klaviyo documents them.
/// </summary>
public sealed class ReadSideTests : EmulatorTestBase
{
    private static string Filter(string filter) => "filter=" + Uri.EscapeDataString(filter);

    private async Task<List<JsonElement>> ReadAllAsync(string path)
    {
        var items = new List<JsonElement>();
        string? next = path;
        while (next is not null)
        {
            using var response = await GetAsync(next);
            await ExpectAsync(response, HttpStatusCode.OK);
            var root = await JsonAsync(response);
            items.AddRange(root.GetProperty("data").EnumerateArray().Select(e => e.Clone()));
            next = root.GetProperty("links").GetProperty("next").GetString();
        }

        return items;
    }

    [Test]
    public async Task Profiles_updated_after_a_time_come_sorted_by_updated_across_cursor_pages()
    {
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            ids.Add(await UpsertAsync($$"""{"email":"p{{i}}@shop.dev"}"""));
            Time.Advance(TimeSpan.FromSeconds(10));
        }

        await UpsertAsync("""{"email":"p1@shop.dev","first_name":"Changed"}"""); // p1 now the newest change
        var all = await ReadAllAsync($"api/profiles?{Filter("greater-than(updated,2026-08-01T12:00:10Z)")}&sort=updated&page[size]=2");

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(p => p.GetProperty("id").GetString()), Is.EqualTo(new[] { ids[2], ids[3], ids[4], ids[1] }),
                "strictly after 12:00:10 (p1's old time), oldest change first");
            Assert.That(all[^1].GetProperty("attributes").GetProperty("updated").GetString(), Is.EqualTo("2026-08-01T12:00:50+00:00"));
        });
    }

    [Test]
    public async Task Less_than_bounds_and_descending_sort_work_too()
    {
        var ids = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            ids.Add(await UpsertAsync($$"""{"external_id":"x{{i}}"}"""));
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        var page = await ReadAllAsync($"api/profiles?{Filter("and(greater-than(updated,2026-08-01T11:59:00Z),less-than(updated,2026-08-01T12:03:00Z))")}&sort=-updated");

        Assert.That(page.Select(p => p.GetProperty("id").GetString()), Is.EqualTo(new[] { ids[2], ids[1], ids[0] }));
    }

    [TestCase("greater-than(updated,\"2026-08-01T12:00:00Z\")", "without quotes")]
    [TestCase("greater-than(updated,yesterday)", "not an ISO 8601 datetime")]
    [TestCase("greater-or-equal(updated,2026-08-01T12:00:00Z)", "not a valid operation for 'updated'")]
    [TestCase("greater-than(created,2026-08-01T12:00:00Z)", "not a valid filter field")]
    [TestCase("and(equals(email,\"a@b.c\"),equals(external_id,\"x\"))", "one identifier field at a time")]
    [TestCase("greater-than(updated,2026-08-01T12:00:00Z", "parentheses")]
    public async Task Bad_profile_filters_are_400s_naming_the_problem(string filter, string expected)
    {
        using var response = await GetAsync("api/profiles?" + Filter(filter));

        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("detail").GetString(), Does.Contain(expected));
            Assert.That(error.GetProperty("source").GetProperty("parameter").GetString(), Is.EqualTo("filter"));
        });
    }

    [Test]
    public async Task A_sort_the_emulator_does_not_support_is_refused()
    {
        using var response = await GetAsync("api/profiles?sort=email");
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(error.GetProperty("source").GetProperty("parameter").GetString(), Is.EqualTo("sort"));
    }

    [Test]
    public async Task Events_filter_on_datetime_and_metric_and_include_their_metric_and_profile()
    {
        await PostAsync("api/events", Payloads.Event("Placed Order", """{"email":"ada@shop.dev","external_id":"u-1"}""", uniqueId: "o-1", time: "2026-08-01T10:00:00Z", properties: """{"sku":"A"}"""));
        await PostAsync("api/events", Payloads.Event("Viewed Product", """{"email":"ada@shop.dev"}""", time: "2026-08-01T10:30:00Z"));
        await PostAsync("api/events", Payloads.Event("Placed Order", """{"email":"bob@shop.dev"}""", time: "2026-08-01T11:00:00Z"));
        await PostAsync("api/events", Payloads.Event("Placed Order", """{"email":"bob@shop.dev"}""", time: "2026-08-01T09:00:00Z"));
        string placed = Emulator.Events.First(e => e.MetricName == "Placed Order").MetricId;

        using var response = await GetAsync(
            $"api/events?{Filter($"and(greater-than(datetime,2026-08-01T09:30:00Z),equals(metric_id,\"{placed}\"))")}&sort=datetime&include=metric,profile");
        await ExpectAsync(response, HttpStatusCode.OK);
        var root = await JsonAsync(response);
        var data = root.GetProperty("data").EnumerateArray().ToList();
        var included = root.GetProperty("included").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(placed, Has.Length.EqualTo(6));
            Assert.That(data.Select(e => e.GetProperty("attributes").GetProperty("datetime").GetString()),
                Is.EqualTo(new[] { "2026-08-01T10:00:00+00:00", "2026-08-01T11:00:00+00:00" }));
            Assert.That(data[0].GetProperty("attributes").GetProperty("event_properties").GetProperty("$event_id").GetString(), Is.EqualTo("o-1"));
            Assert.That(data[0].GetProperty("attributes").GetProperty("timestamp").GetInt64(), Is.EqualTo(new DateTimeOffset(2026, 8, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()));
            Assert.That(data[0].GetProperty("relationships").GetProperty("metric").GetProperty("data").GetProperty("id").GetString(), Is.EqualTo(placed));
            Assert.That(included.Where(r => r.GetProperty("type").GetString() == "metric").Select(r => r.GetProperty("attributes").GetProperty("name").GetString()),
                Is.EqualTo(new[] { "Placed Order" }));
            Assert.That(included.Where(r => r.GetProperty("type").GetString() == "profile").Select(r => r.GetProperty("attributes").GetProperty("email").GetString()),
                Is.EquivalentTo(new[] { "ada@shop.dev", "bob@shop.dev" }));
        });
    }

    [Test]
    public async Task Events_page_200_by_default_with_cursor_links_and_comma_joined_conditions()
    {
        var rows = Enumerable.Range(0, 5).Select(i => Payloads.BulkRow($$"""{"email":"b{{i}}@shop.dev"}""",
            Enumerable.Range(0, 100).Select(j => Payloads.BulkEvent("Clicked", uniqueId: $"c-{i}-{j}")).ToArray()));
        await ExpectAsync(await PostAsync("api/event-bulk-create-jobs", Payloads.BulkEvents(rows)), HttpStatusCode.Accepted);

        using var first = await GetAsync("api/events?" + Filter("greater-than(datetime,2026-08-01T11:00:00Z),less-or-equal(datetime,2026-08-01T12:00:00Z)"));
        var root = await JsonAsync(first);
        var all = await ReadAllAsync("api/events?page[size]=1000");

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("data").GetArrayLength(), Is.EqualTo(200));
            Assert.That(root.GetProperty("links").GetProperty("next").GetString(), Does.StartWith(Emulator.BaseAddress.AbsoluteUri + "api/events?"));
            Assert.That(all, Has.Count.EqualTo(500));
            Assert.That(all.Select(e => e.GetProperty("id").GetString()).Distinct().Count(), Is.EqualTo(500));
        });
    }

    [TestCase("include=lists", "include")]
    [TestCase("sort=created", "sort")]
    [TestCase("page[size]=1001", "page[size]")]
    [TestCase("filter=equals(email,%22a%40b.c%22)", "filter")]
    public async Task Bad_event_queries_are_400s(string query, string parameter)
    {
        using var response = await GetAsync("api/events?" + query);
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(error.GetProperty("source").GetProperty("parameter").GetString(), Is.EqualTo(parameter));
    }

    [Test]
    public async Task Metrics_list_every_metric_once_with_its_id()
    {
        await PostAsync("api/events", Payloads.Event("Placed Order", """{"email":"ada@shop.dev"}"""));
        await PostAsync("api/events", Payloads.Event("Placed Order", """{"email":"bob@shop.dev"}"""));
        await PostAsync("api/events", Payloads.Event("Opened Email", """{"email":"bob@shop.dev"}"""));

        var metrics = await ReadAllAsync("api/metrics");

        Assert.That(metrics.Select(m => (m.GetProperty("id").GetString(), m.GetProperty("attributes").GetProperty("name").GetString())), Is.EqualTo(new[]
        {
            (Emulator.Events.First(e => e.MetricName == "Placed Order").MetricId, "Placed Order"),
            (Emulator.Events.First(e => e.MetricName == "Opened Email").MetricId, "Opened Email"),
        }));
    }
}
