using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>Klaviyo's count and size limits, exercised through a real client: the fewest requests, none too large.</summary>
public sealed class BulkLimitTests
{
    [TestCase(WireEndpoint.ProfileImport, 10_000, 1)]
    [TestCase(WireEndpoint.ProfileImport, 10_001, 2)]
    [TestCase(WireEndpoint.EventCreate, 1_000, 1)]
    [TestCase(WireEndpoint.EventCreate, 1_001, 2)]
    [TestCase(WireEndpoint.Subscribe, 1_000, 1)]
    [TestCase(WireEndpoint.Subscribe, 1_001, 2)]
    [TestCase(WireEndpoint.Unsubscribe, 100, 1)]
    [TestCase(WireEndpoint.Unsubscribe, 101, 2)]
    [TestCase(WireEndpoint.ListRemove, 1_000, 1)]
    [TestCase(WireEndpoint.ListRemove, 1_001, 2)]
    public async Task A_count_limit_plus_one_needs_exactly_one_more_request(WireEndpoint endpoint, int items, int requests)
    {
        var mock = new BulkWireMock();
        WireEndpoints.Accept(mock, endpoint);
        var batch = WireEndpoints.Items(mock, endpoint, items);

        var result = await mock.CreateBulkClient().SendAsync(batch);

        var (method, path) = WireEndpoints.Route(endpoint);
        var sent = mock.To(method, path);
        Assert.Multiple(() =>
        {
            Assert.That(result.AcceptedCount, Is.EqualTo(items));
            Assert.That(sent, Has.Count.EqualTo(requests));
            Assert.That(WireEndpoints.Parts(endpoint, sent[0]), Is.EqualTo(Math.Min(items, WireEndpoints.Limit(endpoint))), "the first request is full");
            Assert.That(sent.Sum(r => WireEndpoints.Parts(endpoint, r)), Is.EqualTo(items), "every part sent once");
        });
    }

    [TestCase(WireEndpoint.ProfileImport, 1)]
    [TestCase(WireEndpoint.ProfileImport, 20_001)]
    [TestCase(WireEndpoint.EventCreate, 1)]
    [TestCase(WireEndpoint.EventCreate, 2_001)]
    [TestCase(WireEndpoint.Subscribe, 2_001)]
    [TestCase(WireEndpoint.Unsubscribe, 1)]
    [TestCase(WireEndpoint.Unsubscribe, 201)]
    [TestCase(WireEndpoint.ListRemove, 2_001)]
    public async Task Clean_items_take_exactly_ceil_of_count_over_limit_requests(WireEndpoint endpoint, int items)
    {
        var mock = new BulkWireMock();
        WireEndpoints.Accept(mock, endpoint);
        var result = await mock.CreateBulkClient(o => o.MaxConcurrentRequests = 4).SendAsync(WireEndpoints.Items(mock, endpoint, items));

        int expected = Ceil(items, WireEndpoints.Limit(endpoint));
        int lookups = endpoint == WireEndpoint.ListRemove ? Ceil(items, 100) : 0;
        Assert.Multiple(() =>
        {
            Assert.That(result.AcceptedCount, Is.EqualTo(items));
            Assert.That(mock.To(WireEndpoints.Route(endpoint).Method, WireEndpoints.Route(endpoint).Path), Has.Count.EqualTo(expected));
            Assert.That(mock.Requests, Has.Count.EqualTo(expected + lookups), "no other request");
        });
    }

    [Test]
    public async Task With_job_tracking_each_import_job_adds_only_its_polls()
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB1", (_, _) => BulkWireMock.Json(System.Net.HttpStatusCode.OK, BulkWireMock.ImportJob("JOB1", "complete", 10_000, 10_000)));
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB2", (_, _) => BulkWireMock.Json(System.Net.HttpStatusCode.OK, BulkWireMock.ImportJob("JOB2", "complete", 10_000, 10_000)));
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB3", (_, _) => BulkWireMock.Json(System.Net.HttpStatusCode.OK, BulkWireMock.ImportJob("JOB3", "complete", 1, 1)));
        var bulk = mock.CreateBulkClient();

        var result = await mock.Clock.RunAsync(
            bulk.SendAsync(WireEndpoints.Items(mock, WireEndpoint.ProfileImport, 20_001), new KlaviyoBulkCallOptions { TrackImportJobs = true }),
            TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(result.AcceptedCount, Is.EqualTo(20_001));
            Assert.That(result.Items.Select(i => i.Outcome.JobConfirmation), Is.All.EqualTo(KlaviyoJobConfirmation.Confirmed));
            Assert.That(result.Items.Select(i => i.Outcome.JobId).Distinct(), Is.EquivalentTo(new[] { "JOB1", "JOB2", "JOB3" }));
            Assert.That(mock.Requests.Select(r => r.Method.Method + " " + r.Path), Is.EquivalentTo(new[]
            {
                "POST /api/profile-bulk-import-jobs", "POST /api/profile-bulk-import-jobs", "POST /api/profile-bulk-import-jobs",
                "GET /api/profile-bulk-import-jobs/JOB1", "GET /api/profile-bulk-import-jobs/JOB2", "GET /api/profile-bulk-import-jobs/JOB3",
            }));
        });
    }

    [TestCase(-1, 1)]
    [TestCase(0, 1)]
    [TestCase(1, 2)]
    public async Task The_5_MB_limit_splits_profile_imports_exactly_at_the_byte(int overLimit, int requests)
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        var endpoint = mock.CreateClient().CreateBulkEndpoints().ProfileImport;
        int envelope = endpoint.MeasureEnvelope(BulkGroupKey.None);
        UpsertProfileRequest Padded(int i, int bytes)
        {
            static UpsertProfileRequest Profile(int i, string pad) =>
                new() { Email = $"user{i:D2}@shop.test", Properties = new Dictionary<string, object?> { ["pad"] = pad } };
            return Profile(i, new string('x', bytes - endpoint.Measure(Profile(i, "")).Bytes));
        }

        var profiles = Enumerable.Range(0, 50).Select(i => Padded(i, 98_000)).ToList();
        int last = KlaviyoBulkLimits.MaxRequestBytes - envelope - 50 - (50 * 98_000) + overLimit;
        Assert.That(last, Is.LessThanOrEqualTo(KlaviyoBulkLimits.MaxProfileBytes), "the request size decides, not the profile size");
        profiles.Add(Padded(50, last));

        var result = await mock.CreateBulkClient().UpsertProfilesAsync(profiles);

        var jobs = mock.To(HttpMethod.Post, BulkWireMock.ImportPath);
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(jobs, Has.Count.EqualTo(requests));
            Assert.That(jobs.Select(j => j.Body!.Length), Is.All.LessThanOrEqualTo(KlaviyoBulkLimits.MaxRequestBytes));
            if (requests == 1)
            {
                Assert.That(jobs[0].Body!.Length, Is.EqualTo(KlaviyoBulkLimits.MaxRequestBytes + overLimit));
                Assert.That(jobs[0].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, BulkGroupKey.None, profiles.Select(p => new[] { p }).ToArray())));
            }
            else
            {
                Assert.That(WireEndpoints.Parts(WireEndpoint.ProfileImport, jobs[0]), Is.EqualTo(50));
                Assert.That(jobs[0].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, BulkGroupKey.None, profiles.Take(50).Select(p => new[] { p }).ToArray())));
                Assert.That(jobs[1].Body!.Length, Is.EqualTo(envelope + last));
            }
        });
    }

    [TestCase(-1, 1)]
    [TestCase(0, 1)]
    [TestCase(1, 2)]
    public async Task The_5_MB_limit_splits_bulk_events_of_one_profile_exactly_at_the_byte(int overLimit, int requests)
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.EventsPath);
        var endpoint = mock.CreateClient().CreateBulkEndpoints().EventCreate;
        int envelope = endpoint.MeasureEnvelope(BulkGroupKey.None);
        TrackEventRequest Event(int i, string pad) => new()
        {
            Profile = new EventProfile { Email = "ann@shop.test" },
            MetricName = "Viewed Product",
            Time = WireEndpoints.EventTime,
            UniqueId = $"e{i:D2}",
            Properties = new Dictionary<string, object?> { ["pad"] = pad },
        };
        TrackEventRequest Padded(int i, int mergedBytes) => Event(i, new string('x', mergedBytes - endpoint.Measure(Event(i, "")).MergedBytes));

        // One entry: the first event opens it (entry envelope + profile + event), each later one adds its event and a comma.
        var events = new List<TrackEventRequest> { Padded(0, 98_001) };
        events.AddRange(Enumerable.Range(1, 49).Select(i => Padded(i, 98_001)));
        long used = envelope + endpoint.Measure(events[0]).Bytes + (49 * 98_001L);
        int last = (int)(KlaviyoBulkLimits.MaxRequestBytes - used) + overLimit;
        events.Add(Padded(50, last));

        var result = await mock.CreateBulkClient().TrackEventsAsync(events);

        var sent = mock.To(HttpMethod.Post, BulkWireMock.EventsPath);
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(sent, Has.Count.EqualTo(requests));
            Assert.That(sent.Select(r => r.Body!.Length), Is.All.LessThanOrEqualTo(KlaviyoBulkLimits.MaxRequestBytes));
            Assert.That(sent[0].Body!.Length, Is.EqualTo(requests == 1 ? KlaviyoBulkLimits.MaxRequestBytes + overLimit : used));
            Assert.That(sent.Sum(r => WireEndpoints.Parts(WireEndpoint.EventCreate, r)), Is.EqualTo(51));
            if (requests == 2)
            {
                Assert.That(sent[1].Body!.Length, Is.EqualTo(envelope + endpoint.Measure(events[50]).Bytes));
            }
        });
    }

    private static int Ceil(int count, int limit) => (count + limit - 1) / limit;
}
