using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Klaviyo.Actions.IntegrationTests.Emulator;
using Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;
using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Testing;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.KlaviyoToSegment;

/// <summary>
/// Klaviyo → Segment → (not) Klaviyo, without an account: the emulator holds 1,000 profiles and 5,000 events; the sync
/// reads them over loopback and sends them to the web sample, which speaks Segment's tracking API and routes through
/// <c>KlaviyoDestination</c> back to the same emulator — where the no-echo marker stops every message.
/// </summary>
public sealed class KlaviyoToSegmentRoundTripTests
{
    private const int Profiles = 1_000;
    private const int EventsPerProfile = 5;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // Per profile: one Placed Order, two Viewed Product, two Opened Email; the sync chooses the first two metrics.
    private static readonly string[] Metrics = ["Placed Order", "Viewed Product", "Viewed Product", "Opened Email", "Opened Email"];

    private FakeTimeProvider _klaviyoClock = null!;
    private KlaviyoEmulator _emulator = null!;
    private WebSampleFactory _webSample = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _klaviyoClock = new FakeTimeProvider(Start);
        _emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions { TimeProvider = _klaviyoClock, Seed = 16, RequestLogCapacity = 10_000 });
        _webSample = new WebSampleFactory(new Dictionary<string, string>
        {
            // The web sample sends to the very emulator the sync reads: an echo would show up there as a write.
            ["Klaviyo:ApiKey"] = _emulator.ApiKey,
            ["Klaviyo:BaseAddress"] = _emulator.BaseAddress.AbsoluteUri,
        });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _webSample.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task Profiles_and_chosen_events_reach_Segment_once_never_come_back_and_only_changes_follow()
    {
        await SeedAsync();
        long seeded = _emulator.RequestLog[^1].Sequence;
        var klaviyo = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = _emulator.ApiKey, BaseAddress = _emulator.BaseAddress });
        using var segmentHttp = _webSample.CreateClient();
        var store = new InMemoryKlaviyoToSegmentCursorStore();
        using var sync = new KlaviyoToSegmentSync(klaviyo, segmentHttp, store, new KlaviyoToSegmentOptions
        {
            MetricNames = ["Placed Order", "Viewed Product"],
            Segment = { WriteKey = WebSampleFactory.WriteKey, BaseAddress = _webSample.Server.BaseAddress },
        });

        var clock = Stopwatch.StartNew();
        var first = await sync.RunAsync();
        await _webSample.WaitForIdleAsync();
        var firstElapsed = clock.Elapsed;
        var afterFirst = await StatsAsync();
        var readsOfFirstRun = _emulator.RequestLog.Where(r => r.Sequence > seeded).ToList();

        long beforeSecond = _emulator.RequestLog[^1].Sequence;
        var second = await sync.RunAsync();
        await _webSample.WaitForIdleAsync();
        var afterSecond = await StatsAsync();
        int readsOfSecondRun = _emulator.RequestLog.Count(r => r.Sequence > beforeSecond);

        var changed = await ChangeProfilesAsync(10);
        long afterChanges = _emulator.RequestLog[^1].Sequence;
        var third = await sync.RunAsync();
        await _webSample.WaitForIdleAsync();
        var afterThird = await StatsAsync();

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first run: {first} in {firstElapsed.TotalMilliseconds:0} ms (until the web sample routed all), {readsOfFirstRun.Count} Klaviyo GETs; second: {readsOfSecondRun} GETs, {second}; third: {third}"));
        Assert.Multiple(() =>
        {
            Assert.That(first.Completed, Is.True, first.Error);
            Assert.That((first.ProfilesRead, first.IdentifiesSent), Is.EqualTo(((long)Profiles, (long)Profiles)));
            Assert.That((first.EventsRead, first.TracksSent), Is.EqualTo((3_000L, 3_000L)), "Placed Order and Viewed Product only");
            Assert.That(Received(afterFirst, "identify"), Is.EqualTo(Profiles));
            Assert.That(Received(afterFirst, "track"), Is.EqualTo(3_000));
            Assert.That(afterFirst.GetProperty("integration_disabled").GetInt64(), Is.EqualTo(4_000));
            Assert.That(afterFirst.GetProperty("unmatched").GetInt64(), Is.EqualTo(4_000), "skipped, never failed");
            Assert.That(afterFirst.GetProperty("actions").EnumerateObject(), Is.Empty, "no action sent, invalid or failed");
            Assert.That(afterFirst.GetProperty("refused_calls").EnumerateObject(), Is.Empty);
            Assert.That(readsOfFirstRun.Select(r => r.Method).Distinct(), Is.EqualTo(new[] { "GET" }), "nothing was routed back to Klaviyo");
            Assert.That(readsOfFirstRun.Select(r => r.Operation).Distinct(), Is.EquivalentTo(new[] { "get_profiles", "get_metrics", "get_events" }));

            Assert.That(second.IdentifiesSent + second.TracksSent, Is.Zero, "a second run sends nothing");
            Assert.That(second.Batches, Is.Zero);
            Assert.That(Received(afterSecond, "identify") + Received(afterSecond, "track"), Is.EqualTo(4_000));

            Assert.That(third.IdentifiesSent, Is.EqualTo(10));
            Assert.That(third.TracksSent, Is.Zero);
            Assert.That(Received(afterThird, "identify"), Is.EqualTo(Profiles + 10));
            Assert.That(_emulator.RequestLog.Where(r => r.Sequence > afterChanges).Select(r => r.Method).Distinct(), Is.EqualTo(new[] { "GET" }));
            Assert.That(_emulator.Profiles.Where(p => p.FirstName == "Changed").Select(p => p.Id), Is.EquivalentTo(changed));
        });
    }

    /// <summary>1,000 profiles (every other one with a Segment userId) and 5 events each, in five bulk requests a second apart.</summary>
    private async Task SeedAsync()
    {
        using var http = _emulator.CreateHttpClient();
        for (int batch = 0; batch < 5; batch++)
        {
            var rows = new List<string>();
            for (int p = batch * 200; p < (batch + 1) * 200; p++)
            {
                string externalId = p % 2 == 0 ? $",\"external_id\":\"user-{p}\"" : string.Empty;
                var events = Enumerable.Range(0, EventsPerProfile).Select(j => Payloads.BulkEvent(Metrics[j], uniqueId: $"e-{p}-{j}", properties: $$"""{"n":{{j}}}""")
                    .Replace("\"properties\":", $"\"time\":\"{Start.AddDays(-7).AddMinutes((p * EventsPerProfile) + j):yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"properties\":", StringComparison.Ordinal));
                string profile = "{\"email\":\"person" + p + "@shop-demo.test\",\"first_name\":\"P" + p + "\"" + externalId + ",\"properties\":{\"tier\":\"gold\"}}";
                rows.Add(Payloads.BulkRow(profile, [.. events]));
            }

            using var response = await http.PostAsync("api/event-bulk-create-jobs", Json(Payloads.BulkEvents(rows)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
            _klaviyoClock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(_emulator.Profiles, Has.Count.EqualTo(Profiles));
        Assert.That(_emulator.Events, Has.Count.EqualTo(Profiles * EventsPerProfile));
    }

    private async Task<List<string>> ChangeProfilesAsync(int count)
    {
        _klaviyoClock.Advance(TimeSpan.FromMinutes(1));
        using var http = _emulator.CreateHttpClient();
        var changed = new List<string>();
        for (int p = 0; p < count * 37; p += 37)
        {
            using var response = await http.PostAsync("api/profile-import", Json(
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"person" + p + "@shop-demo.test\",\"first_name\":\"Changed\"}}}"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            changed.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("id").GetString()!);
        }

        return changed;
    }

    private async Task<JsonElement> StatsAsync()
    {
        using var client = _webSample.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/v1/stats")).RootElement;
    }

    private static long Received(JsonElement stats, string type) =>
        stats.GetProperty("received").TryGetProperty(type, out var count) ? count.GetInt64() : 0;

    private static StringContent Json(string json)
    {
        var content = new StringContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.api+json");
        return content;
    }
}
