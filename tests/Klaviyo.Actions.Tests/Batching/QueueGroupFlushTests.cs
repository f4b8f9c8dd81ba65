using Klaviyo.Actions.Batching;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>
/// The queue keeps items per planner group (endpoint + list/source/historical flag) and sends a group on its own
/// when it holds a full Klaviyo request of its endpoint, so clean input costs ceil(N / limit) requests per group.
/// Default options throughout unless a test is about a cap; the delay is an hour unless a test is about it.
/// </summary>
public class QueueGroupFlushTests
{
    private BulkHarness _h = null!;
    private KlaviyoBatcher? _batcher;

    [SetUp]
    public void SetUp()
    {
        _h = new BulkHarness { WithJobTracker = false };
        _h.Options.MaxDelay = TimeSpan.FromHours(1);
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_batcher is not null)
        {
            await _batcher.DrainAsync(TimeSpan.Zero);
        }

        _h.Dispose();
    }

    private KlaviyoBatcher Batcher() => _batcher = new KlaviyoBatcher(_h.CreateClient());

    private MetricCollector<long> Flushes() => new(_h.MeterFactory, KlaviyoDiagnostics.MeterName, BatchingTelemetry.FlushesInstrument);

    private static (string Reason, string? Operation)[] Reasons(MetricCollector<long> flushes) =>
        flushes.GetMeasurementSnapshot()
            .Select(m => ((string)m.Tags[BatchingTelemetry.FlushReasonTag]!, m.Tags.TryGetValue(BatchingTelemetry.OperationTag, out var op) ? (string?)op : null))
            .ToArray();

    /// <summary>One flush at a time, and the first event request waits until the returned gate is opened.</summary>
    private TaskCompletionSource HoldFirstEventRequestInTheOnlyFlushSlot()
    {
        _h.Options.MaxConcurrentFlushes = 1;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Events.Responder = async (r, ct) =>
        {
            if (r.Number == 1)
            {
                await gate.Task.WaitAsync(ct);
            }

            return BulkChunkResponse.Accepted;
        };
        return gate;
    }

    private static async Task<List<Task<KlaviyoItemOutcome>>> EnqueueAll(KlaviyoBatcher batcher, IEnumerable<KlaviyoBatchItem> items)
    {
        var handles = new List<Task<KlaviyoItemOutcome>>();
        foreach (var item in items)
        {
            handles.Add(await batcher.EnqueueAsync(item));
        }

        return handles;
    }

    [Test]
    public void Defaults_are_no_user_caps_so_each_group_fills_to_its_endpoint_limit()
    {
        var options = new KlaviyoBatchingOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.MaxBatchItems, Is.Null);
            Assert.That(options.MaxBatchBytes, Is.Null);
        });
    }

    [Test]
    public async Task A_group_is_sent_alone_at_exactly_its_endpoint_count_limit_and_not_at_one_less()
    {
        using var flushes = Flushes();
        var batcher = Batcher();
        var profiles = await EnqueueAll(batcher, Enumerable.Range(0, 5).Select(i => (KlaviyoBatchItem)BulkHarness.Profile(i)));
        var events = await EnqueueAll(batcher, Enumerable.Range(0, KlaviyoBulkLimits.MaxEventsPerBulkCreate + 2).Select(i => (KlaviyoBatchItem)BulkHarness.Event(i)));

        await Task.WhenAll(events.Take(KlaviyoBulkLimits.MaxEventsPerBulkCreate)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Select(r => r.PartCount), Is.EqualTo(new[] { KlaviyoBulkLimits.MaxEventsPerBulkCreate }), "one full request, never a 999-event one");
            Assert.That(events.Take(KlaviyoBulkLimits.MaxEventsPerBulkCreate).Select(h => h.Result.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(events.Skip(KlaviyoBulkLimits.MaxEventsPerBulkCreate).Select(h => h.IsCompleted), Is.All.False, "the next two events start a new request");
            Assert.That(profiles.Select(h => h.IsCompleted), Is.All.False, "the profile group is not sent by the event group's limit");
            Assert.That(_h.ProfileImport.Requests, Is.Empty);
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { ("limit", (string?)"bulk_create_events") }));
            Assert.That(batcher.QueueLength, Is.EqualTo(7));
        });

        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Select(r => r.PartCount), Is.EqualTo(new[] { KlaviyoBulkLimits.MaxEventsPerBulkCreate, 2 }));
            Assert.That(_h.ProfileImport.Requests.Single().PartCount, Is.EqualTo(5));
            Assert.That(profiles.Concat(events).Select(h => h.Result.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(Reasons(flushes).Select(r => r.Reason), Is.EqualTo(new[] { "limit", "explicit" }), "one flush sends every group");
        });
    }

    [Test]
    public async Task Groups_of_one_endpoint_fill_per_list_and_only_the_full_one_is_sent()
    {
        using var flushes = Flushes();
        var batcher = Batcher();
        int limit = KlaviyoBulkLimits.MaxProfilesPerUnsubscribe;
        var items = new List<KlaviyoBatchItem>();
        for (int i = 0; i < limit - 1; i++)
        {
            items.Add(new UnsubscribeProfileRequest { ListId = "A", Email = $"a{i}@shop.test" });
            items.Add(new UnsubscribeProfileRequest { ListId = "B", Email = $"b{i}@shop.test" });
        }

        items.Add(new UnsubscribeProfileRequest { ListId = "A", Email = "a-last@shop.test" });
        var handles = await EnqueueAll(batcher, items);
        var listA = handles.Where((_, i) => i % 2 == 0 || i == handles.Count - 1).ToList();
        await Task.WhenAll(listA).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            var request = _h.Unsubscribe.Requests.Single();
            Assert.That(request.Key.ListId, Is.EqualTo("A"));
            Assert.That(request.PartCount, Is.EqualTo(limit), "list A reached 100 unsubscriptions; list B's 99 wait");
            Assert.That(handles.Where((_, i) => i % 2 == 1 && i != handles.Count - 1).Select(h => h.IsCompleted), Is.All.False);
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { ("limit", (string?)"bulk_unsubscribe_profiles") }));
        });
    }

    [Test]
    public async Task Merged_events_count_against_the_limit_and_every_part_of_an_order_stays_in_one_request()
    {
        var batcher = Batcher();

        // 998 single events of one profile (merged into one row, still counted), then an order of three events:
        // it would take the request to 1,001 parts, so the 998 go alone and the order starts the next request.
        var events = await EnqueueAll(batcher, Enumerable.Range(0, 998).Select(i => (KlaviyoBatchItem)BulkHarness.Event(i, profile: "same")));
        var order = await batcher.EnqueueAsync(new OrderCompletedRequest
        {
            Profile = new EventProfile { ExternalId = "same" },
            UniqueId = "o1",
            Value = 20m,
            Products = [new OrderProduct { ProductId = "p1", Price = 10m }, new OrderProduct { ProductId = "p2", Price = 10m }],
        });

        await Task.WhenAll(events).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Select(r => (r.Rows.Count, r.PartCount)), Is.EqualTo(new[] { (1, 998) }));
            Assert.That(order.IsCompleted, Is.False);
        });

        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Select(r => r.PartCount), Is.EqualTo(new[] { 998, 3 }));
            Assert.That(order.Result.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
        });
    }

    [Test]
    public async Task A_repeated_event_unique_id_closes_the_group_instead_of_costing_a_split_later()
    {
        var batcher = Batcher();
        var first = await EnqueueAll(batcher, [BulkHarness.Event(0, profile: "p", uniqueId: "dup"), BulkHarness.Event(1, profile: "p")]);
        var again = await batcher.EnqueueAsync(BulkHarness.Event(2, profile: "p", uniqueId: "dup"));
        await Task.WhenAll(first).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Single().Parts.Select(e => e.UniqueId), Is.EqualTo(new[] { "dup", "e1" }));
            Assert.That(again.IsCompleted, Is.False, "Klaviyo fails a request repeating an event's unique_id");
        });
    }

    [Test]
    public async Task Max_delay_is_measured_per_group_from_its_oldest_item()
    {
        using var flushes = Flushes();
        _h.Options.MaxDelay = TimeSpan.FromSeconds(5);
        var batcher = Batcher();
        var @event = await batcher.EnqueueAsync(BulkHarness.Event(0));
        await _h.Clock.WaitForTimerAsync();
        _h.Clock.Advance(TimeSpan.FromSeconds(3));
        var profile = await batcher.EnqueueAsync(BulkHarness.Profile(0));
        await Eventually.HoldsAsync(() => batcher.ChannelCount == 0, "the profile joined its group");

        _h.Clock.Advance(TimeSpan.FromSeconds(2));
        await @event.WaitAsync(TimeSpan.FromSeconds(20));
        await _h.Clock.WaitForTimerAsync(); // the profile group's own delay
        Assert.Multiple(() =>
        {
            Assert.That(@event.Result.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(profile.IsCompleted, Is.False, "the profile has waited 2 s of its 5");
            Assert.That(_h.ProfileImport.Requests, Is.Empty);
        });

        _h.Clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        await Task.Yield();
        Assert.That(profile.IsCompleted, Is.False, "not before its own delay");
        _h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.That((await profile.WaitAsync(TimeSpan.FromSeconds(20))).Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
        Assert.That(Reasons(flushes).Select(r => r.Reason), Is.EqualTo(new[] { "delay", "delay" }));
    }

    [Test]
    public async Task The_item_cap_applies_per_group_below_the_endpoint_limit()
    {
        using var flushes = Flushes();
        _h.Options.MaxBatchItems = 3;
        var batcher = Batcher();
        var handles = await EnqueueAll(batcher, [BulkHarness.Event(0), BulkHarness.Profile(0), BulkHarness.Event(1), BulkHarness.Profile(1), BulkHarness.Event(2)]);
        await Task.WhenAll(handles[0], handles[2], handles[4]).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Single().PartCount, Is.EqualTo(3));
            Assert.That(handles[1].IsCompleted || handles[3].IsCompleted, Is.False, "four items are queued, but only two profiles");
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { ("count", (string?)"bulk_create_events") }));
        });
    }

    [Test]
    public async Task The_byte_cap_applies_per_group()
    {
        using var flushes = Flushes();
        _h.Options.MaxBatchBytes = 250; // profiles measure 100 bytes: the third reaches 300
        var batcher = Batcher();
        var handles = await EnqueueAll(batcher, [BulkHarness.Profile(0), BulkHarness.Event(0), BulkHarness.Profile(1), BulkHarness.Profile(2)]);
        await Task.WhenAll(handles[0], handles[2], handles[3]).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.ProfileImport.Requests.Single().PartCount, Is.EqualTo(3));
            Assert.That(handles[1].IsCompleted, Is.False, "the event (150 bytes) is alone in its group");
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { ("bytes", (string?)"bulk_import_profiles") }));
        });
    }

    [Test]
    public async Task When_the_groups_hold_the_capacity_the_largest_is_sent()
    {
        using var flushes = Flushes();
        _h.Options.Capacity = 4;
        var batcher = Batcher();
        var handles = await EnqueueAll(batcher, [BulkHarness.Profile(0), BulkHarness.Event(0), BulkHarness.Event(1), BulkHarness.Event(2)]);
        await Task.WhenAll(handles.Skip(1)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Single().PartCount, Is.EqualTo(3));
            Assert.That(handles[0].IsCompleted, Is.False);
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { ("capacity", (string?)"bulk_create_events") }));
        });
    }

    [Test]
    public async Task FlushAsync_sends_the_groups_holding_items_it_covers_and_leaves_groups_started_after_it()
    {
        using var flushes = Flushes();
        var gate = HoldFirstEventRequestInTheOnlyFlushSlot();
        var batcher = Batcher();
        var first = await batcher.EnqueueAsync(BulkHarness.Event(0));
        var firstFlush = batcher.FlushAsync();
        await Eventually.HoldsAsync(() => _h.Events.Requests.Count == 1, "the first flush holds the only flush slot");

        var second = await batcher.EnqueueAsync(BulkHarness.Event(1));
        var secondFlush = batcher.FlushAsync();
        var later = await batcher.EnqueueAsync(BulkHarness.Profile(0));
        gate.SetResult();
        await Task.WhenAll(firstFlush, secondFlush).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(first.Result.IsAccepted && second.Result.IsAccepted, Is.True);
            Assert.That(later.IsCompleted, Is.False, "queued after both flushes: it waits for its own trigger");
            Assert.That(_h.ProfileImport.Requests, Is.Empty);
            Assert.That(Reasons(flushes).Select(r => r.Reason), Is.EqualTo(new[] { "explicit", "explicit" }));
        });
    }

    [TestCase(false, TestName = "FlushAsync reads every item it covers into its group before sending, however far the loop lags")]
    [TestCase(true, TestName = "A drain reads every queued item into its group before sending, however far the loop lags")]
    public async Task A_flush_behind_a_long_backlog_still_costs_the_lower_bound(bool drain)
    {
        // The loop moves at most 4,096 channel items into groups per pass. A flush that arrives while the channel holds
        // more than that (the loop was waiting for a flush slot) must not send the groups pass by pass: 3,000
        // subscriptions per list are three requests of 1,000 per list, not 1,000 + 1,000 + 48 + 952.
        using var flushes = Flushes();
        var gate = HoldFirstEventRequestInTheOnlyFlushSlot();
        var batcher = Batcher();
        int limit = KlaviyoBulkLimits.MaxEventsPerBulkCreate;

        // The first full event request holds the only flush slot; the second full one makes the loop wait for it,
        // so everything queued after stays in the channel.
        var handles = await EnqueueAll(batcher, Enumerable.Range(0, 2 * limit).Select(i => (KlaviyoBatchItem)BulkHarness.Event(i)));
        var backlog = new List<KlaviyoBatchItem>();
        for (int i = 0; i < 3 * KlaviyoBulkLimits.MaxProfilesPerSubscribe; i++)
        {
            backlog.Add(new SubscribeProfileRequest { ListId = "A", Email = $"a{i}@shop.test" });
            backlog.Add(new SubscribeProfileRequest { ListId = "B", Email = $"b{i}@shop.test" });
        }

        handles.AddRange(await EnqueueAll(batcher, backlog));
        Assert.That(batcher.ChannelCount, Is.GreaterThan(4_096), "the backlog waits in the channel");
        var flushed = drain ? batcher.DrainAsync() : batcher.FlushAsync();
        gate.SetResult();
        await flushed.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(handles.Select(h => h.IsCompleted && h.Result.IsAccepted), Is.All.True);
            Assert.That(_h.Events.Requests.Select(r => r.PartCount), Is.EqualTo(new[] { limit, limit }));
            foreach (string list in (string[])["A", "B"])
            {
                Assert.That(
                    _h.Subscribe.Requests.Where(r => r.Key.ListId == list).Select(r => r.PartCount).ToArray(),
                    Is.EqualTo(Enumerable.Repeat(KlaviyoBulkLimits.MaxProfilesPerSubscribe, 3).ToArray()),
                    "list " + list);
            }
        });
    }

    [Test]
    public void A_non_positive_cap_is_refused_naming_the_option()
    {
        _h.Options.MaxBatchBytes = 0;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _h.CreateClient());
        Assert.That(error!.ParamName, Is.EqualTo("KlaviyoBatchingOptions.MaxBatchBytes"));
    }
}
