using System.Net;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Tests.Http.TestSupport;
using NUnit.Framework;
using static Klaviyo.Actions.Tests.Sync.Segment.FakeKlaviyoReads;

namespace Klaviyo.Actions.Tests.Sync.Segment;

/// <summary>
/// <see cref="KlaviyoToSegmentSync"/> against an in-memory Klaviyo and a MockHttp Segment: messages, paging, the cursor
/// (resume after a failure, nothing skipped or resent), the two source-of-truth modes, the marker filter, Segment's
/// limits and its 429s.
/// </summary>
public class KlaviyoToSegmentSyncTests
{
    private const string WriteKey = "wk_test_5f1c";

    private FakeKlaviyoReads _klaviyo = null!;
    private SegmentApiMock _segment = null!;
    private InMemoryKlaviyoToSegmentCursorStore _store = null!;
    private TestClock _clock = null!;

    [SetUp]
    public void Fresh()
    {
        _klaviyo = new FakeKlaviyoReads();
        _segment = new SegmentApiMock();
        _store = new InMemoryKlaviyoToSegmentCursorStore();
        _clock = new TestClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void Dispose() => _segment.Handler.Dispose();

    private KlaviyoToSegmentSync Sync(Action<KlaviyoToSegmentOptions>? configure = null)
    {
        var options = new KlaviyoToSegmentOptions { Segment = { WriteKey = WriteKey, BaseAddress = SegmentApiMock.BaseAddress } };
        configure?.Invoke(options);
        return new KlaviyoToSegmentSync(_klaviyo, _segment.Handler.ToHttpClient(), _store, options, _clock);
    }

    private List<string> SentIds(int fromCall = 0) =>
        [.. _segment.Calls.Skip(fromCall).SelectMany(c => c.Messages).Where(m => m.GetProperty("type").GetString() == "identify")
            .Select(m => m.GetProperty("traits").GetProperty("klaviyo_profile_id").GetString()!)];

    [Test]
    public async Task A_profile_becomes_an_identify_with_Segments_reserved_traits_and_no_echo_integrations()
    {
        _klaviyo.Profiles.Add(Profile(1, T0) with
        {
            ExternalId = "user-1",
            PhoneNumber = "+14155552671",
            LastName = "Lovelace",
            Title = "Countess",
            Image = "https://img/ada.png",
            Organization = "Analytical Engines",
            Locale = "en-GB",
            Created = T0.AddYears(-1),
            Location = new KlaviyoProfileLocation("12 St James's Sq", "Flat 2", "London", "LDN", "SW1Y", "GB", "Europe/London"),
        });
        _klaviyo.Profiles.Add(Profile(2, T0.AddSeconds(1)));

        var result = await Sync().RunAsync();

        var call = _segment.Calls.Single();
        var (ada, anonymous) = (call.Messages[0], call.Messages[1]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Completed, Is.True, result.Error);
            Assert.That((result.ProfilesRead, result.IdentifiesSent, result.Batches), Is.EqualTo((2L, 2L, 1L)));
            Assert.That(call.Uri.AbsoluteUri, Is.EqualTo("https://segment.test/v1/batch"));
            Assert.That(call.Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(WriteKey + ":"))));
            Assert.That(call.ContentEncoding, Is.EqualTo("gzip"));
            Assert.That(call.ContentType, Does.StartWith("application/json"));
            Assert.That(call.Json.GetProperty("sentAt").GetString(), Is.EqualTo("2026-12-07T12:00:00.000Z"));
            Assert.That(JsonSerializer.Serialize(ada), Is.EqualTo(JsonSerializer.Serialize(JsonDocument.Parse("""
                {"type":"identify","messageId":"klaviyo-profile-P000001-1796115600000","timestamp":"2026-12-01T09:00:00.000Z","userId":"user-1",
                 "traits":{"email":"person1@example.org","phone":"+14155552671","firstName":"Ada","lastName":"Lovelace","title":"Countess",
                   "avatar":"https://img/ada.png","address":{"street":"12 St James's Sq, Flat 2","city":"London","state":"LDN","postal_code":"SW1Y","country":"GB"},
                   "company":{"name":"Analytical Engines"},"createdAt":"2025-12-01T09:00:00.000Z","plan":"pro","klaviyo_profile_id":"P000001"},
                 "context":{"library":{"name":"Klaviyo.Actions","version":"LIBRARY"},"locale":"en-GB"},
                 "integrations":{"Klaviyo":false,"Klaviyo (Actions)":false}}
                """.Replace("LIBRARY", ada.GetProperty("context").GetProperty("library").GetProperty("version").GetString(), StringComparison.Ordinal)).RootElement)));
            Assert.That(anonymous.GetProperty("anonymousId").GetString(), Is.EqualTo("klaviyo-P000002"), "no external id: an anonymous user derived from the Klaviyo id");
            Assert.That(anonymous.TryGetProperty("userId", out _), Is.False);
        });
    }

    [Test]
    public async Task Pages_of_100_are_read_until_Klaviyo_has_no_more_and_go_out_in_one_batch()
    {
        for (int i = 0; i < 250; i++)
        {
            _klaviyo.Profiles.Add(Profile(i, T0.AddSeconds(i)));
        }

        var result = await Sync().RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_klaviyo.PagesServed, Is.EqualTo(3));
            Assert.That(_klaviyo.Queries.Single(), Is.EqualTo(("profiles", DateTimeOffset.UnixEpoch)), "no cursor: from the Unix epoch");
            Assert.That(_segment.Calls, Has.Count.EqualTo(1));
            Assert.That(SentIds(), Is.EqualTo(Enumerable.Range(0, 250).Select(i => $"P{i:D6}")));
            Assert.That(result.IdentifiesSent, Is.EqualTo(250));
        });
    }

    [Test]
    public async Task The_next_run_reads_from_the_cursor_and_sends_only_what_changed()
    {
        for (int i = 0; i < 5; i++)
        {
            _klaviyo.Profiles.Add(Profile(i, T0));
        }

        var sync = Sync();
        await sync.RunAsync();
        var second = await sync.RunAsync();
        _klaviyo.Profiles[3] = _klaviyo.Profiles[3] with { Updated = T0.AddMinutes(5) };
        var third = await sync.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_klaviyo.Queries.Select(q => q.After), Is.EqualTo(new[] { DateTimeOffset.UnixEpoch, T0.AddSeconds(-1), T0.AddSeconds(-1) }),
                "read again from one second before the newest change sent");
            Assert.That(second.IdentifiesSent, Is.Zero);
            Assert.That(second.Skipped[KlaviyoToSegmentSkipReason.AlreadySent], Is.EqualTo(5));
            Assert.That(third.IdentifiesSent, Is.EqualTo(1));
            Assert.That(SentIds(fromCall: 1), Is.EqualTo(new[] { "P000003" }));
            Assert.That(_segment.Calls, Has.Count.EqualTo(2), "a run with nothing to send sends no batch");
        });
    }

    [Test]
    public async Task A_run_interrupted_mid_second_resumes_without_skipping_or_resending()
    {
        // 3,000 profiles, 1,000 per second: the first batch (500 KB) ends in the middle of the second second.
        for (int i = 0; i < 3000; i++)
        {
            _klaviyo.Profiles.Add(Profile(i, T0.AddSeconds(i / 1000)));
        }

        _segment.Answer = call => call == 1 ? new HttpResponseMessage(HttpStatusCode.BadRequest) : null;
        var sync = Sync();

        var failed = await sync.RunAsync();
        int accepted = _segment.Calls[0].Messages.Count;
        var cursor = await _store.GetAsync("default", KlaviyoToSegmentSync.ProfilesStream, default);
        int callsBefore = _segment.Calls.Count;
        _segment.Answer = _ => null;
        var resumed = await sync.RunAsync();
        var after = await sync.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.InRange(1001, 1999), "the cut is inside the second second");
            Assert.That(failed.Completed, Is.False);
            Assert.That(failed.Error, Does.Contain("400"));
            Assert.That(failed.IdentifiesSent, Is.EqualTo(accepted));
            Assert.That(cursor!.Position, Is.EqualTo(T0.AddSeconds(1)), "the cursor stopped at the last change Segment accepted");
            Assert.That(cursor.Seen, Has.Count.EqualTo(accepted), "every accepted change within a second of it");
            Assert.That(resumed.Completed, Is.True);
            Assert.That(SentIds(fromCall: callsBefore), Is.EqualTo(Enumerable.Range(accepted, 3000 - accepted).Select(i => $"P{i:D6}")), "exactly the rest, in order");
            Assert.That(resumed.Skipped[KlaviyoToSegmentSkipReason.AlreadySent], Is.EqualTo(accepted - 1000), "read again on purpose, not resent");
            Assert.That(after.IdentifiesSent, Is.Zero);
        });
    }

    [Test]
    public async Task A_Klaviyo_failure_mid_run_leaves_the_cursor_where_Segment_last_accepted()
    {
        for (int i = 0; i < 300; i++)
        {
            _klaviyo.Profiles.Add(Profile(i, T0.AddSeconds(i)));
        }

        _klaviyo.FailAfterPages = 2;
        var sync = Sync();
        var failed = await sync.RunAsync();
        _klaviyo.FailAfterPages = null;
        var resumed = await sync.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(failed.Error, Does.Contain("HttpRequestException"));
            Assert.That(_segment.Calls, Has.Count.EqualTo(1), "the second run's batch only: nothing was half-sent");
            Assert.That(SentIds(), Is.EqualTo(Enumerable.Range(0, 300).Select(i => $"P{i:D6}")));
            Assert.That(resumed.IdentifiesSent, Is.EqualTo(300));
        });
    }

    [Test]
    public async Task Klaviyo_as_source_of_truth_sends_every_profile_and_event()
    {
        AddMixedProfilesAndEvents();

        var result = await Sync(o => o.MetricIds = ["M1"]).RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(SentIds().Where(id => id.StartsWith('P')), Is.EqualTo(new[] { "P000001", "P000002", "P000003" }));
            Assert.That(result.TracksSent, Is.EqualTo(3));
            Assert.That(result.Skipped, Is.Empty);
        });
    }

    [Test]
    public async Task Segment_as_source_of_truth_does_not_send_Klaviyo_only_profiles_or_their_events()
    {
        AddMixedProfilesAndEvents();

        var result = await Sync(o =>
        {
            o.MetricIds = ["M1"];
            o.SourceOfTruth = KlaviyoToSegmentSourceOfTruth.Segment;
        }).RunAsync();

        var tracks = _segment.Calls.SelectMany(c => c.Messages).Where(m => m.GetProperty("type").GetString() == "track").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(SentIdsOfIdentifies(), Is.EqualTo(new[] { "P000001", "P000002" }), "P1 has a userId, P2 was written by the destination");
            Assert.That(tracks.Select(t => t.GetProperty("messageId").GetString()), Is.EqualTo(new[] { "klaviyo-event-E1", "klaviyo-event-E2" }));
            Assert.That(tracks[1].GetProperty("anonymousId").GetString(), Is.EqualTo("klaviyo-P000002"));
            Assert.That(result.Skipped[KlaviyoToSegmentSkipReason.KlaviyoOnlyProfile], Is.EqualTo(2), "P3 and its event E3");
        });
    }

    [Test]
    public async Task Only_profiles_the_destination_updated_sends_marked_profiles_and_their_events()
    {
        AddMixedProfilesAndEvents();

        var result = await Sync(o =>
        {
            o.MetricIds = ["M1"];
            o.OnlyProfilesUpdatedByDestination = true;
        }).RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(SentIdsOfIdentifies(), Is.EqualTo(new[] { "P000002" }));
            Assert.That(result.TracksSent, Is.EqualTo(1));
            Assert.That(result.Skipped[KlaviyoToSegmentSkipReason.NotUpdatedByDestination], Is.EqualTo(4));
            Assert.That(_segment.Calls.SelectMany(c => c.Messages).Any(m => m.GetProperty("type").GetString() == "identify" &&
                m.GetProperty("traits").TryGetProperty(KlaviyoProfileMarker.PropertyName, out _)), Is.False, "the marker is not a trait");
        });
    }

    [Test]
    public async Task Metric_names_are_resolved_and_an_unknown_one_is_reported()
    {
        AddMixedProfilesAndEvents();
        _klaviyo.Metrics.Add(new KlaviyoMetric("M1", "Placed Order", "API"));

        var result = await Sync(o =>
        {
            o.SyncProfiles = false;
            o.MetricNames = ["Placed Order", "Nope"];
        }).RunAsync();

        var track = _segment.Calls.Single().Messages[0];
        Assert.Multiple(() =>
        {
            Assert.That(result.TracksSent, Is.EqualTo(3));
            Assert.That(result.UnknownMetricNames, Is.EqualTo(new[] { "Nope" }));
            Assert.That(track.GetProperty("event").GetString(), Is.EqualTo("Placed Order"));
            Assert.That(track.GetProperty("properties").GetProperty("sku").GetString(), Is.EqualTo("A-1"));
            Assert.That(track.GetProperty("timestamp").GetString(), Is.EqualTo("2026-12-01T09:10:00.000Z"));
            Assert.That(track.GetProperty("integrations").GetProperty("Klaviyo").GetBoolean(), Is.False);
        });
    }

    [Test]
    public void A_batch_holds_at_most_2500_messages()
    {
        var batch = new SegmentBatch();
        byte[] tiny = "{}"u8.ToArray();

        int added = 0;
        while (batch.TryAdd(tiny, isTrack: added % 2 == 0))
        {
            added++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(2500));
            Assert.That((batch.Tracks, batch.Identifies), Is.EqualTo((1250, 1250)));
            Assert.That(batch.Bytes, Is.EqualTo(64 + (2500 * 2) + 2499), "envelope, messages and commas");
        });
        batch.Clear();
        Assert.That(batch.TryAdd(tiny, isTrack: false), Is.True, "an emptied batch takes messages again");
    }

    [Test]
    public async Task Thousands_of_small_messages_are_cut_at_500_KB_not_at_2500()
    {
        for (int i = 0; i < 5001; i++)
        {
            _klaviyo.Profiles.Add(Profile(i, T0.AddSeconds(i)));
        }

        var result = await Sync().RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_segment.Calls.Select(c => c.Messages.Count), Is.All.LessThan(2500), "an identify is over 205 bytes: bytes decide first");
            Assert.That(_segment.Calls.Select(c => c.Body.Length), Is.All.LessThanOrEqualTo(500 * 1024));
            Assert.That(_segment.Calls.Sum(c => c.Messages.Count), Is.EqualTo(5001));
            Assert.That(result.Batches, Is.EqualTo(_segment.Calls.Count));
        });
    }

    [Test]
    public async Task Batches_stay_under_500_KB_and_are_filled_close_to_it()
    {
        // About 30 KB each: 16 fit in 500 KB.
        for (int i = 0; i < 40; i++)
        {
            _klaviyo.Profiles.Add(Profile(i, T0.AddSeconds(i), bigProperty: new string('x', 30_000)));
        }

        var result = await Sync().RunAsync();

        int messageBytes = _segment.Calls[0].Messages[0].GetRawText().Length;
        Assert.Multiple(() =>
        {
            Assert.That(_segment.Calls.Select(c => c.Messages.Count), Is.EqualTo(new[] { 16, 16, 8 }));
            Assert.That(_segment.Calls.Select(c => c.Body.Length), Is.All.LessThanOrEqualTo(500 * 1024));
            Assert.That(_segment.Calls[0].Body.Length + messageBytes, Is.GreaterThan(500 * 1024 - 64), "one more would not have fitted");
            Assert.That(_segment.Calls[0].CompressedBytes, Is.LessThan(_segment.Calls[0].Body.Length / 10), "gzip");
            Assert.That(result.IdentifiesSent, Is.EqualTo(40));
        });
    }

    [Test]
    public async Task A_message_over_32_KB_is_reported_not_sent_and_does_not_hold_the_cursor()
    {
        _klaviyo.Profiles.Add(Profile(1, T0));
        _klaviyo.Profiles.Add(Profile(2, T0.AddSeconds(1), bigProperty: new string('x', 33_000)));
        _klaviyo.Profiles.Add(Profile(3, T0.AddSeconds(2)));
        var sync = Sync();

        var first = await sync.RunAsync();
        var second = await sync.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(SentIds(), Is.EqualTo(new[] { "P000001", "P000003" }));
            Assert.That(first.Oversized.Single().KlaviyoId, Is.EqualTo("P000002"));
            Assert.That(first.Oversized.Single().Bytes, Is.GreaterThan(32 * 1024));
            Assert.That(first.Skipped[KlaviyoToSegmentSkipReason.Oversized], Is.EqualTo(1));
            Assert.That(first.Completed, Is.True, "an oversized message is not a failure");
            Assert.That(second.Oversized, Is.Empty, "passed by the cursor: not reported again until the profile changes");
            Assert.That(second.IdentifiesSent, Is.Zero);
        });
    }

    [Test]
    public async Task A_429_is_retried_after_Retry_After_on_the_clock_with_the_same_messages()
    {
        _klaviyo.Profiles.Add(Profile(1, T0));
        _segment.Answer = call => call == 0 ? Throttled(TimeSpan.FromSeconds(7)) : null;

        var run = Sync().RunAsync();
        var armed = await _clock.NextTimerAsync(due => due > TimeSpan.Zero);
        int callsWhileWaiting = _segment.Calls.Count;
        _clock.Advance(armed);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(armed, Is.EqualTo(TimeSpan.FromSeconds(7)), "the wait is Segment's Retry-After");
            Assert.That(callsWhileWaiting, Is.EqualTo(1), "nothing is sent before the clock moves");
            Assert.That(_segment.Calls, Has.Count.EqualTo(2));
            Assert.That(_segment.Calls[1].MessageIds, Is.EqualTo(_segment.Calls[0].MessageIds), "a resend keeps the messageIds Segment deduplicates on");
            Assert.That(_segment.Calls[1].Json.GetProperty("sentAt").GetString(), Is.EqualTo("2026-12-07T12:00:07.000Z"));
            Assert.That((result.Completed, result.Retries, result.IdentifiesSent), Is.EqualTo((true, 1L, 1L)));
        });
    }

    [Test]
    public async Task Without_Retry_After_a_5xx_backs_off_exponentially_and_gives_up_after_the_last_attempt()
    {
        _klaviyo.Profiles.Add(Profile(1, T0));
        _segment.Answer = _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        var run = Sync(o => o.Segment.MaxAttempts = 3).RunAsync();
        var waits = new List<TimeSpan>();
        for (int i = 0; i < 2; i++)
        {
            waits.Add(await _clock.NextTimerAsync(due => due > TimeSpan.Zero));
            _clock.Advance(waits[^1]);
        }

        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }));
            Assert.That(_segment.Calls, Has.Count.EqualTo(3));
            Assert.That(result.Completed, Is.False);
            Assert.That(result.Error, Does.Contain("after 3 attempts").And.Contain("503"));
            Assert.That(result.Error, Does.Not.Contain(WriteKey));
        });
    }

    [Test]
    public void Options_are_checked_without_echoing_the_write_key()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sync(o =>
        {
            o.Segment.WriteKey = " ";
            o.Segment.BaseAddress = new Uri("ftp://segment.test/");
            o.SyncProfiles = false;
        }));

        Assert.That(ex!.Message, Does.Contain("Segment:WriteKey is required").And.Contain("Segment:BaseAddress").And.Contain("Nothing to sync"));
        Assert.That(new KlaviyoToSegmentOptions { Segment = { WriteKey = WriteKey } }.ToString(), Does.Not.Contain(WriteKey));
    }

    [Test]
    public void The_region_presets_choose_Segments_hosts()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new SegmentTrackingOptions().EffectiveBaseAddress.Host, Is.EqualTo("api.segment.io"));
            Assert.That(new SegmentTrackingOptions { Region = SegmentRegion.Eu }.EffectiveBaseAddress.Host, Is.EqualTo("events.eu1.segmentapis.com"));
            Assert.That(new SegmentTrackingOptions { Region = SegmentRegion.Eu, BaseAddress = new Uri("http://localhost:5080/") }.EffectiveBaseAddress.Port, Is.EqualTo(5080));
        });
    }

    private static HttpResponseMessage Throttled(TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }

    private List<string> SentIdsOfIdentifies() =>
        [.. _segment.Calls.SelectMany(c => c.Messages).Where(m => m.GetProperty("type").GetString() == "identify")
            .Select(m => m.GetProperty("traits").GetProperty("klaviyo_profile_id").GetString()!)];

    /// <summary>P1 has a Segment userId; P2 has none but carries the marker; P3 is Klaviyo-only. One M1 event each, one M2 event.</summary>
    private void AddMixedProfilesAndEvents()
    {
        var p1 = Profile(1, T0, externalId: "user-1");
        var p2 = Profile(2, T0.AddSeconds(1), marked: true);
        var p3 = Profile(3, T0.AddSeconds(2));
        _klaviyo.Profiles.AddRange([p1, p2, p3]);
        KlaviyoEvent Event(string id, KlaviyoProfile profile, string metric, int minutes) => new()
        {
            Id = id,
            MetricId = metric,
            MetricName = metric == "M1" ? "Placed Order" : "Opened Email",
            ProfileId = profile.Id,
            Profile = profile,
            Datetime = T0.AddMinutes(minutes),
            Properties = Json("""{"sku":"A-1"}"""),
        };
        _klaviyo.Events.AddRange([Event("E1", p1, "M1", 10), Event("E2", p2, "M1", 11), Event("E3", p3, "M1", 12), Event("E4", p1, "M2", 13)]);
    }
}
