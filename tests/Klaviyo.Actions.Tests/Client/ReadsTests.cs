using System.Net;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

/// <summary>The read side the Klaviyo → Segment sync uses: <c>GET /api/profiles</c>, <c>/api/events</c>, <c>/api/metrics</c>.</summary>
public class ReadsTests
{
    private static readonly DateTimeOffset After = new(2026, 12, 1, 8, 30, 0, TimeSpan.Zero);

    private static string ProfilePage(string next, params (string Id, string Updated)[] profiles)
    {
        const string Template = """
            {"type":"profile","id":"ID","attributes":{"email":"ID@example.org","phone_number":"+14155552671","external_id":null,
             "first_name":"Ada","last_name":"Lovelace","organization":"Analytical","locale":"en-GB","title":"Countess","image":"https://img/ada.png",
             "created":"2026-01-01T00:00:00+00:00","updated":"UPDATED","last_event_date":null,
             "location":{"address1":"12 St James's Sq","address2":null,"city":"London","country":"GB","latitude":51.5,"longitude":-0.1,"region":"LDN","zip":"SW1Y","timezone":"Europe/London","ip":null},
             "properties":{"plan":"pro","score":7}},"links":{"self":"x"}}
            """;
        string data = string.Join(",", profiles.Select(p => Template.Replace("ID", p.Id, StringComparison.Ordinal).Replace("UPDATED", p.Updated, StringComparison.Ordinal)));
        return "{\"data\":[" + data + "],\"links\":{\"self\":\"x\",\"next\":" + next + ",\"prev\":null}}";
    }

    [Test]
    public async Task Profiles_are_read_updated_after_the_cursor_sorted_by_updated_100_a_page_following_links_next()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK,
            ProfilePage("\"https://a.klaviyo.com/api/profiles?page%5Bcursor%5D=c2\"", ("P1", "2026-12-01T08:30:01+00:00"), ("P2", "2026-12-01T08:30:02+00:00")),
            KlaviyoApiMock.QueryIs("page[cursor]", null));
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK,
            ProfilePage("null", ("P3", "2026-12-01T08:31:00+00:00")),
            KlaviyoApiMock.QueryIs("page[cursor]", "c2"));

        var pages = new List<KlaviyoPage<KlaviyoProfile>>();
        await foreach (var page in api.CreateClient().GetProfilesUpdatedAfterAsync(After))
        {
            pages.Add(page);
        }

        var first = api.Requests[0];
        var ada = pages[0].Items[0];
        Assert.Multiple(() =>
        {
            Assert.That(api.Requests, Has.Count.EqualTo(2));
            Assert.That(first.Query["filter"], Is.EqualTo("greater-than(updated,2026-12-01T08:30:00Z)"));
            Assert.That(first.RawQuery, Does.Contain("filter=greater-than%28updated%2C2026-12-01T08%3A30%3A00Z%29"), "the filter is percent-encoded");
            Assert.That(first.Query["sort"], Is.EqualTo("updated"));
            Assert.That(first.Query["page[size]"], Is.EqualTo("100"));
            Assert.That(api.Requests[1].RawQuery, Is.EqualTo("page%5Bcursor%5D=c2"), "the next link is followed as Klaviyo encoded it");
            Assert.That(pages.Select(p => p.HasNextPage), Is.EqualTo(new[] { true, false }));
            Assert.That(pages.SelectMany(p => p.Items).Select(p => p.Id), Is.EqualTo(new[] { "P1", "P2", "P3" }));
            Assert.That(ada.Updated, Is.EqualTo(new DateTimeOffset(2026, 12, 1, 8, 30, 1, TimeSpan.Zero)));
            Assert.That(ada.Location, Is.EqualTo(new KlaviyoProfileLocation("12 St James's Sq", null, "London", "LDN", "SW1Y", "GB", "Europe/London")));
            Assert.That(ada.Properties["score"].GetInt32(), Is.EqualTo(7));
            Assert.That((ada.Organization, ada.Title, ada.Image, ada.Locale, ada.ExternalId), Is.EqualTo(("Analytical", "Countess", "https://img/ada.png", "en-GB", (string?)null)));
        });
    }

    [TestCase(0)]
    [TestCase(101)]
    public void The_page_size_is_1_to_100(int size)
    {
        var api = new KlaviyoApiMock();
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var _ in api.CreateClient().GetProfilesUpdatedAfterAsync(After, size))
            {
            }
        });
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public async Task Events_are_read_after_the_cursor_for_one_metric_with_metric_and_profile_included()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/events", HttpStatusCode.OK, """
            {"data":[
              {"type":"event","id":"E1","attributes":{"timestamp":1764577860,"event_properties":{"sku":"A-1","$value":9.5},"datetime":"2026-12-01T08:31:00+00:00","uuid":"u-1"},
               "relationships":{"profile":{"data":{"type":"profile","id":"P1"}},"metric":{"data":{"type":"metric","id":"M1"}}}},
              {"type":"event","id":"E2","attributes":{"timestamp":1764577861,"event_properties":{},"datetime":"2026-12-01T08:31:01+00:00","uuid":"u-2"},
               "relationships":{"profile":{"data":{"type":"profile","id":"P9"}},"metric":{"data":{"type":"metric","id":"M1"}}}}],
             "included":[
              {"type":"metric","id":"M1","attributes":{"name":"Placed Order","integration":{"name":"API"}}},
              {"type":"profile","id":"P1","attributes":{"email":"ada@example.org","external_id":"user-1","updated":"2026-12-01T08:00:00+00:00","properties":{}}}],
             "links":{"self":"x","next":null}}
            """);

        var events = new List<KlaviyoEvent>();
        await foreach (var page in api.CreateClient().GetEventsAfterAsync(After, "M1"))
        {
            events.AddRange(page.Items);
        }

        var request = api.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Query["filter"], Is.EqualTo("and(greater-than(datetime,2026-12-01T08:30:00Z),equals(metric_id,\"M1\"))"));
            Assert.That(request.Query["sort"], Is.EqualTo("datetime"));
            Assert.That(request.Query["include"], Is.EqualTo("metric,profile"));
            Assert.That(events.Select(e => (e.Id, e.MetricId, e.MetricName, e.ProfileId)), Is.EqualTo(new[]
            {
                ("E1", "M1", "Placed Order", "P1"), ("E2", "M1", "Placed Order", "P9"),
            }));
            Assert.That(events[0].Profile?.ExternalId, Is.EqualTo("user-1"));
            Assert.That(events[1].Profile, Is.Null, "a profile Klaviyo did not include");
            Assert.That(events[0].Properties.GetProperty("sku").GetString(), Is.EqualTo("A-1"));
            Assert.That(events[0].Datetime, Is.EqualTo(new DateTimeOffset(2026, 12, 1, 8, 31, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task Without_a_metric_the_filter_is_the_datetime_alone_and_fractions_are_kept()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/events", HttpStatusCode.OK, """{"data":[],"links":{"next":null}}""");

        await foreach (var _ in api.CreateClient().GetEventsAfterAsync(After.AddMilliseconds(250)))
        {
        }

        Assert.That(api.Requests.Single().Query["filter"], Is.EqualTo("greater-than(datetime,2026-12-01T08:30:00.25Z)"));
    }

    [Test]
    public async Task Metrics_are_read_across_pages()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/metrics", HttpStatusCode.OK,
            """{"data":[{"type":"metric","id":"M1","attributes":{"name":"Placed Order","integration":{"name":"API"}}}],"links":{"next":"https://a.klaviyo.com/api/metrics?page%5Bcursor%5D=n"}}""",
            KlaviyoApiMock.QueryIs("page[cursor]", null));
        api.On(HttpMethod.Get, "api/metrics", HttpStatusCode.OK,
            """{"data":[{"type":"metric","id":"M2","attributes":{"name":"Opened Email","integration":null}}],"links":{"next":null}}""",
            KlaviyoApiMock.QueryIs("page[cursor]", "n"));

        var metrics = await api.CreateClient().GetMetricsAsync();

        Assert.That(metrics, Is.EqualTo(new[] { new KlaviyoMetric("M1", "Placed Order", "API"), new KlaviyoMetric("M2", "Opened Email", null) }));
    }
}
