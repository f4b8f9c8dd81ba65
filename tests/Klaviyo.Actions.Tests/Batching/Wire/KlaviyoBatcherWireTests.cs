using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>The background queue end to end over a real client and MockHttp.</summary>
public sealed class KlaviyoBatcherWireTests
{
    [Test]
    public async Task Queued_items_of_every_action_are_sent_in_bulk_and_each_gets_one_outcome()
    {
        var mock = new BulkWireMock();
        mock.AcceptEverything();
        mock.AcceptListRemovals("Y6nRLr");
        mock.Directory.Add("01BO", email: "bo@shop.test");
        var client = mock.CreateClient();
        var batcher = new KlaviyoBatcher(client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromHours(1) });
        var ann = new EventProfile { Email = "ann@shop.test" };
        KlaviyoBatchItem[] items =
        [
            new UpsertProfileRequest { Email = "ann@shop.test", FirstName = "Ann" },
            new AddProfileToListRequest { ListId = "Y6nRLr", Email = "cy@shop.test" },
            new TrackEventRequest { Profile = ann, MetricName = "Viewed Product" },
            new OrderCompletedRequest { Profile = ann, UniqueId = "o-1", Value = 19m, Products = [new OrderProduct { ProductId = "p1", Price = 19m }] },
            new SubscribeProfileRequest { Email = "di@shop.test", ListId = "Y6nRLr" },
            new UnsubscribeProfileRequest { Email = "ed@shop.test" },
            new RemoveProfileFromListRequest { ListId = "Y6nRLr", Email = "bo@shop.test" },
            new RemoveProfileRequest { ListId = "Y6nRLr", Email = "nobody@shop.test" },
            new TrackEventRequest { Profile = new EventProfile(), MetricName = "Viewed Product" },
        ];

        var handles = new List<Task<KlaviyoItemOutcome>>();
        foreach (var item in items)
        {
            handles.Add(await batcher.EnqueueAsync(item));
        }

        var enqueuedAt = mock.Clock.GetUtcNow();
        mock.Clock.Advance(TimeSpan.FromSeconds(10)); // sent later: the event keeps the time it was queued at
        await batcher.FlushAsync();
        long queueLength = batcher.QueueLength;
        await batcher.DisposeAsync();

        var events = mock.To(HttpMethod.Post, BulkWireMock.EventsPath).Single().Json
            .GetProperty("data").GetProperty("attributes").GetProperty("events-bulk-create").GetProperty("data");
        var annEvents = events[0].GetProperty("attributes").GetProperty("events").GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(handles.Select(h => h.IsCompletedSuccessfully), Is.All.True);
            Assert.That(handles.Select(h => h.Result.Status), Is.EqualTo(Enumerable.Repeat(KlaviyoItemStatus.Accepted, 8).Append(KlaviyoItemStatus.Invalid)));
            Assert.That(handles[6].Result.ProfileIds, Is.EqualTo(new[] { "01BO" }));
            Assert.That(handles[7].Result.ProfileIds, Is.Empty);
            Assert.That(queueLength, Is.Zero);
            Assert.That(mock.To(HttpMethod.Post, BulkWireMock.ImportPath), Has.Count.EqualTo(2), "one job without a list, one with");
            Assert.That(events.GetArrayLength(), Is.EqualTo(1), "Ann's event, order and product event share an entry");
            Assert.That(annEvents.EnumerateArray().Select(e => e.GetProperty("attributes").GetProperty("unique_id").GetString()).Skip(1), Is.EqualTo(new[] { "o-1", "o-1:p1" }));
            Assert.That(annEvents[0].GetProperty("attributes").GetProperty("time").GetString(), Is.EqualTo(Klaviyo.Actions.Api.KlaviyoTime.ToWire(Klaviyo.Actions.Api.KlaviyoTime.TruncateToSecond(enqueuedAt))));
            Assert.That(mock.To(HttpMethod.Post, BulkWireMock.SubscribePath), Has.Count.EqualTo(1));
            Assert.That(mock.To(HttpMethod.Post, BulkWireMock.UnsubscribePath), Has.Count.EqualTo(1));
            Assert.That(mock.To(HttpMethod.Get, "/api/profiles"), Has.Count.EqualTo(1), "one look-up for both removals");
            Assert.That(WireEndpoints.Parts(WireEndpoint.ListRemove, mock.To(HttpMethod.Delete, BulkWireMock.ListPath("Y6nRLr")).Single()), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Draining_sends_what_is_queued_and_reports_it()
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.SubscribePath);
        mock.Respond(HttpMethod.Post, BulkWireMock.UnsubscribePath, (_, _) =>
            KlaviyoErrorBodies.BadRequest(("/data/attributes/profiles/data/0/attributes/email", "Invalid email address.")));
        var batcher = new KlaviyoBatcher(mock.CreateClient(), new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromHours(1) });
        var subscribed = await batcher.EnqueueAsync(new SubscribeProfileRequest { Email = "ann@shop.test" });
        var unsubscribed = await batcher.EnqueueAsync(new UnsubscribeProfileRequest { Email = "bo@shop.test" });

        var report = await batcher.DrainAsync();
        var outcomes = await Task.WhenAll(subscribed, unsubscribed);

        Assert.Multiple(() =>
        {
            Assert.That(report, Is.EqualTo(new KlaviyoDrainReport(Accepted: 1, Invalid: 0, Rejected: 1, Failed: 0, NotDelivered: 0, CompletedInTime: true)));
            Assert.That(outcomes.Select(o => o.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected }));
            Assert.That(mock.To(HttpMethod.Post, BulkWireMock.UnsubscribePath), Has.Count.EqualTo(1), "nothing left to resend");
        });
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await batcher.EnqueueAsync(new SubscribeProfileRequest { Email = "cy@shop.test" }));
    }

    [Test]
    public async Task Items_queued_past_the_item_trigger_are_sent_without_an_explicit_flush()
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.EventsPath);
        var batcher = new KlaviyoBatcher(mock.CreateClient(), new KlaviyoBatchingOptions { MaxBatchItems = 3, MaxDelay = TimeSpan.FromHours(1) });
        var handles = new List<Task<KlaviyoItemOutcome>>();
        for (int i = 0; i < 3; i++)
        {
            handles.Add(await batcher.EnqueueAsync(new TrackEventRequest { Profile = new EventProfile { ExternalId = "u" + i }, MetricName = "M", UniqueId = "e" + i }));
        }

        var outcomes = await Task.WhenAll(handles).WaitAsync(TimeSpan.FromSeconds(30));
        await batcher.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(WireEndpoints.Parts(WireEndpoint.EventCreate, mock.To(HttpMethod.Post, BulkWireMock.EventsPath).Single()), Is.EqualTo(3));
        });
    }

    [TestCase(-1, new[] { 51 }, false)]
    [TestCase(0, new[] { 51 }, true)]
    [TestCase(1, new[] { 50, 1 }, true)]
    public async Task With_default_options_a_profile_group_is_sent_when_its_import_job_reaches_5_MB(int overLimit, int[] jobSizes, bool sentBeforeFlush)
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        var client = mock.CreateClient();
        var endpoint = client.CreateBulkEndpoints().ProfileImport;
        int envelope = endpoint.MeasureEnvelope(BulkGroupKey.None);
        UpsertProfileRequest Padded(int i, int bytes)
        {
            static UpsertProfileRequest Profile(int i, string pad) =>
                new() { Email = $"user{i:D2}@shop.test", Properties = new Dictionary<string, object?> { ["pad"] = pad } };
            return Profile(i, new string('x', bytes - endpoint.Measure(Profile(i, "")).Bytes));
        }

        var profiles = Enumerable.Range(0, 50).Select(i => Padded(i, 98_000)).ToList();
        profiles.Add(Padded(50, KlaviyoBulkLimits.MaxRequestBytes - envelope - 50 - (50 * 98_000) + overLimit));
        var batcher = new KlaviyoBatcher(client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromHours(1) });
        var handles = new List<Task<KlaviyoItemOutcome>>();
        foreach (var profile in profiles)
        {
            handles.Add(await batcher.EnqueueAsync(profile));
        }

        if (sentBeforeFlush)
        {
            await Task.WhenAll(handles.Take(jobSizes[0])).WaitAsync(TimeSpan.FromSeconds(30));
        }

        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await batcher.DisposeAsync();

        var jobs = mock.To(HttpMethod.Post, BulkWireMock.ImportPath);
        Assert.Multiple(() =>
        {
            Assert.That(handles.Select(h => h.Result.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(jobs.Select(j => WireEndpoints.Parts(WireEndpoint.ProfileImport, j)), Is.EqualTo(jobSizes));
            Assert.That(jobs.Select(j => j.Body!.Length), Is.All.LessThanOrEqualTo(KlaviyoBulkLimits.MaxRequestBytes));
        });
    }

    [TestCase(KlaviyoBulkLimits.MaxProfilesPerUnsubscribe - 1, true)]
    [TestCase(KlaviyoBulkLimits.MaxProfilesPerUnsubscribe, false)]
    public async Task With_default_options_unsubscriptions_are_sent_at_Klaviyo_limit_of_100_without_a_flush(int queued, bool nextIsTheHundredth)
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.UnsubscribePath);
        mock.Accept(HttpMethod.Post, BulkWireMock.SubscribePath);
        var batcher = new KlaviyoBatcher(mock.CreateClient(), new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromHours(1) });
        var other = await batcher.EnqueueAsync(new SubscribeProfileRequest { Email = "keep@shop.test" });
        var handles = new List<Task<KlaviyoItemOutcome>>();
        for (int i = 0; i < queued; i++)
        {
            handles.Add(await batcher.EnqueueAsync(new UnsubscribeProfileRequest { Email = $"u{i}@shop.test" }));
        }

        // One more item of the same group: the 100th (the request is full and goes), or the 101st (it waits).
        var next = await batcher.EnqueueAsync(new UnsubscribeProfileRequest { Email = "next@shop.test" });
        await Task.WhenAll(nextIsTheHundredth ? handles.Append(next) : handles).WaitAsync(TimeSpan.FromSeconds(30));

        var beforeFlush = mock.To(HttpMethod.Post, BulkWireMock.UnsubscribePath).Select(r => WireEndpoints.Parts(WireEndpoint.Unsubscribe, r)).ToList();
        bool otherSent = other.IsCompleted || mock.To(HttpMethod.Post, BulkWireMock.SubscribePath).Count > 0;
        await batcher.DisposeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(beforeFlush, Is.EqualTo(new[] { KlaviyoBulkLimits.MaxProfilesPerUnsubscribe }), "exactly one full request, sent without a flush");
            Assert.That(otherSent, Is.False, "the subscription's group is not sent by the unsubscription group's limit");
            Assert.That(other.Result.Status, Is.EqualTo(KlaviyoItemStatus.Accepted), "sent on dispose");
        });
    }
}
