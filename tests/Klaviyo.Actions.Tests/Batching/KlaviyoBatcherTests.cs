using System.Net;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

public class KlaviyoBatcherTests
{
    private BulkHarness _h = null!;
    private KlaviyoBatcher? _batcher;

    [SetUp]
    public void SetUp()
    {
        _h = new BulkHarness { WithJobTracker = false };
        _h.Options.MaxDelay = TimeSpan.FromSeconds(5);
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

    private static async Task<KlaviyoItemOutcome> Within(Task<KlaviyoItemOutcome> handle) => await handle.WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>Makes every request of an endpoint wait until the test opens its gate (honouring cancellation).</summary>
    private static List<TaskCompletionSource> Gate<TPart>(FakeBulkEndpoint<TPart> endpoint, int requests)
    {
        var gates = Enumerable.Range(0, requests).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        endpoint.Responder = async (r, ct) =>
        {
            await gates[r.Number - 1].Task.WaitAsync(ct);
            return BulkChunkResponse.Accepted;
        };
        return gates;
    }

    private MetricCollector<long> Flushes() => new(_h.MeterFactory, KlaviyoDiagnostics.MeterName, BatchingTelemetry.FlushesInstrument);

    private static string[] Reasons(MetricCollector<long> flushes) =>
        flushes.GetMeasurementSnapshot().Select(m => (string)m.Tags[BatchingTelemetry.FlushReasonTag]!).ToArray();

    [Test]
    public async Task Flushes_when_max_items_are_waiting()
    {
        using var flushes = Flushes();
        _h.Options.MaxBatchItems = 3;
        var batcher = Batcher();
        var handles = new List<Task<KlaviyoItemOutcome>>();
        for (int i = 0; i < 5; i++)
        {
            handles.Add(await batcher.EnqueueAsync(BulkHarness.Event(i)));
        }

        await Task.WhenAll(handles.Take(3)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Single().PartCount, Is.EqualTo(3));
            Assert.That(handles.Take(3).Select(h => h.Result.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(handles.Skip(3).Select(h => h.IsCompleted), Is.All.False, "two items wait for more items, the delay or a flush");
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { "count" }));
        });

        await batcher.FlushAsync();
        Assert.Multiple(() =>
        {
            Assert.That(handles.Skip(3).Select(h => h.Result.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { "count", "explicit" }));
        });
    }

    [Test]
    public async Task Flushes_when_max_bytes_are_waiting()
    {
        using var flushes = Flushes();
        _h.Options.MaxBatchBytes = 400; // events measure 150 bytes each: the third reaches 450
        var batcher = Batcher();
        var first = await batcher.EnqueueAsync(BulkHarness.Event(0));
        var second = await batcher.EnqueueAsync(BulkHarness.Event(1));
        var third = await batcher.EnqueueAsync(BulkHarness.Event(2));
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Single().PartCount, Is.EqualTo(3));
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { "bytes" }));
        });
    }

    [Test]
    public async Task Flushes_when_the_oldest_item_has_waited_max_delay()
    {
        using var flushes = Flushes();
        var batcher = Batcher();
        var handle = await batcher.EnqueueAsync(BulkHarness.Event(0));
        await _h.Clock.WaitForTimerAsync();
        _h.Clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        await Task.Yield();
        Assert.That(handle.IsCompleted, Is.False, "not before the delay");
        _h.Clock.Advance(TimeSpan.FromTicks(1));
        var outcome = await Within(handle);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { "delay" }));
        });
    }

    [Test]
    public async Task FlushAsync_completes_when_everything_enqueued_before_it_has_an_outcome_and_not_later_items()
    {
        var gates = Gate(_h.Events, 2);
        var batcher = Batcher();
        var a = await batcher.EnqueueAsync(BulkHarness.Event(0));
        var b = await batcher.EnqueueAsync(BulkHarness.Event(1));
        var flush = batcher.FlushAsync();
        await Eventually.HoldsAsync(() => _h.Events.Requests.Count == 1, "the flushed items are in flight");
        var c = await batcher.EnqueueAsync(BulkHarness.Event(2));
        await Task.Yield();
        Assert.That(flush.IsCompleted, Is.False, "A and B have no outcome yet");

        gates[0].SetResult();
        await flush.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(a.IsCompletedSuccessfully && b.IsCompletedSuccessfully, Is.True);
            Assert.That(c.IsCompleted, Is.False, "C was enqueued after the flush and waits for its own trigger");
            Assert.That(_h.Events.Requests.Single().Parts.Select(e => e.UniqueId), Is.EqualTo(new[] { "e0", "e1" }));
        });

        var second = batcher.FlushAsync();
        gates[1].SetResult();
        await second.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That((await c).Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
    }

    [Test]
    public async Task FlushAsync_with_nothing_new_queued_adds_no_flush_and_completes_with_the_earlier_one()
    {
        using var flushes = Flushes();
        var gates = Gate(_h.Events, 1);
        var batcher = Batcher();
        var a = await batcher.EnqueueAsync(BulkHarness.Event(0));
        var first = batcher.FlushAsync();
        await Eventually.HoldsAsync(() => _h.Events.Requests.Count == 1, "the flushed item is in flight");

        // What a destination's stall hint does: ask again, often, with nothing new queued.
        var again = Enumerable.Range(0, 50).Select(_ => batcher.FlushAsync()).ToList();
        await Task.Yield();
        Assert.That(again.Select(t => t.IsCompleted), Is.All.False, "A has no outcome yet");

        gates[0].SetResult();
        await Task.WhenAll(again.Append(first)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(a.Result.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(_h.Events.Requests, Has.Count.EqualTo(1));
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { "explicit" }));
        });
    }

    [Test]
    public async Task FlushAsync_on_an_empty_queue_completes_at_once()
    {
        var batcher = Batcher();
        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(_h.Events.Requests, Is.Empty);
    }

    [Test]
    public async Task An_invalid_item_gets_its_outcome_at_once_and_is_not_queued()
    {
        _h.Validator = new FakeValidator(item => item.Request is TrackEventRequest { UniqueId: "e1" });
        var batcher = Batcher();
        var handle = await batcher.EnqueueAsync(BulkHarness.Event(1));
        Assert.Multiple(() =>
        {
            Assert.That(handle.IsCompletedSuccessfully, Is.True);
            Assert.That(handle.Result.Status, Is.EqualTo(KlaviyoItemStatus.Invalid));
            Assert.That(batcher.QueueLength, Is.Zero);
        });
    }

    [Test]
    public async Task FailFast_throws_a_clear_error_when_full_and_loses_nothing_it_accepted()
    {
        _h.Options.Capacity = 2;
        _h.Options.MaxBatchItems = 1;
        _h.Options.MaxConcurrentFlushes = 1;
        _h.Options.FullMode = QueueFullMode.FailFast;
        var gates = Gate(_h.Events, 4);
        var batcher = Batcher();

        var handles = new List<Task<KlaviyoItemOutcome>> { await batcher.EnqueueAsync(BulkHarness.Event(0)) };
        await Eventually.HoldsAsync(() => _h.Events.Requests.Count == 1, "item 0 is in flight");
        handles.Add(await batcher.EnqueueAsync(BulkHarness.Event(1)));
        await Eventually.HoldsAsync(() => batcher.ChannelCount == 0, "item 1 waits in the loop for a flush slot");
        handles.Add(await batcher.EnqueueAsync(BulkHarness.Event(2)));
        handles.Add(await batcher.EnqueueAsync(BulkHarness.Event(3)));

        var full = Assert.ThrowsAsync<KlaviyoQueueFullException>(async () => await batcher.EnqueueAsync(BulkHarness.Event(4)));
        Assert.Multiple(() =>
        {
            Assert.That(full!.Capacity, Is.EqualTo(2));
            Assert.That(full.Message, Does.Contain("full").And.Contain("FullMode"));
            Assert.That(batcher.QueueLength, Is.EqualTo(3));
        });

        gates.ForEach(g => g.SetResult());
        var outcomes = await Task.WhenAll(handles).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(_h.Events.Requests.SelectMany(r => r.Parts).Select(e => e.UniqueId), Is.EquivalentTo(new[] { "e0", "e1", "e2", "e3" }));
        });
    }

    [Test]
    public async Task Wait_mode_holds_the_producer_until_there_is_room()
    {
        _h.Options.Capacity = 2;
        _h.Options.MaxBatchItems = 1;
        _h.Options.MaxConcurrentFlushes = 1;
        var gates = Gate(_h.Events, 5);
        var batcher = Batcher();

        var handles = new List<Task<KlaviyoItemOutcome>> { await batcher.EnqueueAsync(BulkHarness.Event(0)) };
        await Eventually.HoldsAsync(() => _h.Events.Requests.Count == 1, "item 0 is in flight");
        handles.Add(await batcher.EnqueueAsync(BulkHarness.Event(1)));
        await Eventually.HoldsAsync(() => batcher.ChannelCount == 0, "item 1 waits in the loop for a flush slot");
        handles.Add(await batcher.EnqueueAsync(BulkHarness.Event(2)));
        handles.Add(await batcher.EnqueueAsync(BulkHarness.Event(3)));

        var waiting = batcher.EnqueueAsync(BulkHarness.Event(4)).AsTask();
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.EnqueueAsync(BulkHarness.Event(5), cancel.Token).AsTask();
        await Task.Yield();
        Assert.That(waiting.IsCompleted, Is.False, "the producer waits while the queue is full");
        await cancel.CancelAsync();
        Assert.ThrowsAsync<OperationCanceledException>(async () => await cancelled);

        gates.ForEach(g => g.SetResult());
        handles.Add(await waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        var outcomes = await Task.WhenAll(handles).WaitAsync(TimeSpan.FromSeconds(20));
        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(_h.Events.Requests.SelectMany(r => r.Parts).Select(e => e.UniqueId), Is.EquivalentTo(new[] { "e0", "e1", "e2", "e3", "e4" }), "the cancelled item was never queued");
        });
    }

    [Test]
    public async Task Drain_fails_what_it_cannot_deliver_before_the_deadline()
    {
        using var items = new MetricCollector<long>(_h.MeterFactory, KlaviyoDiagnostics.MeterName, BatchingTelemetry.ItemsInstrument);
        _h.Options.MaxBatchItems = 1;
        _h.Options.MaxConcurrentFlushes = 1;
        Gate(_h.Events, 3);
        var batcher = Batcher();
        var handles = new List<Task<KlaviyoItemOutcome>>();
        for (int i = 0; i < 3; i++)
        {
            handles.Add(await batcher.EnqueueAsync(BulkHarness.Event(i)));
        }

        await Eventually.HoldsAsync(() => _h.Events.Requests.Count == 1, "item 0 is in flight");
        var drain = batcher.DrainAsync(TimeSpan.FromSeconds(10));
        await _h.Clock.WaitForTimerAsync();
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await batcher.EnqueueAsync(BulkHarness.Event(9)));
        _h.Clock.Advance(TimeSpan.FromSeconds(10));
        var report = await drain.WaitAsync(TimeSpan.FromSeconds(20));

        var outcomes = await Task.WhenAll(handles).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(report, Is.EqualTo(new KlaviyoDrainReport(0, 0, 0, 3, 3, CompletedInTime: false)));
            Assert.That(outcomes.Select(o => (o.Status, o.Reason)), Is.All.EqualTo((KlaviyoItemStatus.Failed, KlaviyoItemOutcome.NotDeliveredBeforeShutdown)));
            Assert.That(items.GetMeasurementSnapshot().Where(m => (string)m.Tags[BatchingTelemetry.OutcomeTag]! == "failed").Sum(m => m.Value), Is.EqualTo(3));
            Assert.That(batcher.QueueLength, Is.Zero);
        });
    }

    [Test]
    public async Task Drain_within_the_deadline_sends_everything_with_reason_shutdown()
    {
        using var flushes = Flushes();
        var batcher = Batcher();
        var handles = new List<Task<KlaviyoItemOutcome>>();
        for (int i = 0; i < 4; i++)
        {
            handles.Add(await batcher.EnqueueAsync(i % 2 == 0 ? BulkHarness.Event(i) : BulkHarness.Profile(i)));
        }

        var report = await batcher.DrainAsync(TimeSpan.FromSeconds(10)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(report, Is.EqualTo(new KlaviyoDrainReport(4, 0, 0, 0, 0, CompletedInTime: true)));
            Assert.That(handles.Select(h => h.Result.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(Reasons(flushes), Is.EqualTo(new[] { "shutdown" }));
        });
    }

    [Test]
    public async Task Drain_keeps_items_whose_job_is_being_followed_accepted_but_unconfirmed()
    {
        _h.WithJobTracker = true;
        _h.Options.TrackImportJobs = true;
        _h.Jobs.Default = new ImportJobStatus(ImportJobState.Processing);
        _h.Options.MaxBatchItems = 1;
        var batcher = Batcher();
        var handle = await batcher.EnqueueAsync(BulkHarness.Profile(0));
        await _h.Clock.WaitForTimerAsync(); // the job follower waits before its first read
        Assert.That(_h.ProfileImport.Requests, Has.Count.EqualTo(1));
        var drain = batcher.DrainAsync(TimeSpan.FromSeconds(1));
        await _h.Clock.WaitForTimerAsync(); // the drain's deadline
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        var report = await drain.WaitAsync(TimeSpan.FromSeconds(20));
        var outcome = await Within(handle);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(outcome.JobConfirmation, Is.EqualTo(KlaviyoJobConfirmation.Unconfirmed));
            Assert.That(report.NotDelivered, Is.Zero);
        });
    }

    [Test]
    public async Task DisposeAsync_drains_and_later_enqueues_are_refused()
    {
        var batcher = new KlaviyoBatcher(_h.CreateClient());
        var handle = await batcher.EnqueueAsync(BulkHarness.Event(0));
        await batcher.DisposeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(handle.IsCompletedSuccessfully && handle.Result.IsAccepted, Is.True);
            Assert.ThrowsAsync<ObjectDisposedException>(async () => await batcher.EnqueueAsync(BulkHarness.Event(1)));
        });
    }

    [Test]
    public async Task The_queue_length_gauge_reports_items_waiting()
    {
        using var gauge = new MetricCollector<long>(_h.MeterFactory, KlaviyoDiagnostics.MeterName, BatchingTelemetry.QueueLengthInstrument);
        var batcher = Batcher();
        for (int i = 0; i < 3; i++)
        {
            await batcher.EnqueueAsync(BulkHarness.Event(i));
        }

        gauge.RecordObservableInstruments();
        Assert.That(gauge.LastMeasurement?.Value, Is.EqualTo(3));
        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        gauge.RecordObservableInstruments();
        Assert.That(gauge.LastMeasurement?.Value, Is.Zero);
    }

    [Test]
    public async Task Mixed_actions_in_one_flush_go_to_their_endpoints_with_honest_outcomes()
    {
        _h.Lookup.IdsByIdentifier["gone@shop.test"] = ["PG"];
        _h.Subscribe.Responder = (_, _) => Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(HttpStatusCode.TooManyRequests));
        var batcher = Batcher();
        var handles = new[]
        {
            await batcher.EnqueueAsync(BulkHarness.Event(0)),
            await batcher.EnqueueAsync(new SubscribeProfileRequest { Email = "s@shop.test" }),
            await batcher.EnqueueAsync(new RemoveProfileFromListRequest { ListId = "L", Email = "gone@shop.test" }),
            await batcher.EnqueueAsync(new AddProfileToListRequest { ListId = "L", Email = "new@shop.test" }),
        };
        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(handles.Select(h => h.Result.Status), Is.EqualTo(new[]
            {
                KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Failed, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Accepted,
            }));
            Assert.That(handles[2].Result.ProfileIds, Is.EqualTo(new[] { "PG" }));
            Assert.That(_h.ProfileImport.Requests.Single().Key.ListId, Is.EqualTo("L"));
        });
    }

    [Test]
    public async Task The_host_shutdown_service_drains_the_queue()
    {
        var batcher = Batcher();
        var handle = await batcher.EnqueueAsync(BulkHarness.Event(0));
        var service = new KlaviyoBatcherShutdownService(batcher);
        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(service.LastReport, Is.EqualTo(new KlaviyoDrainReport(1, 0, 0, 0, 0, true)));
            Assert.That(handle.Result.IsAccepted, Is.True);
        });
    }

    [Test]
    public async Task The_host_stop_token_ends_the_drain_like_the_deadline()
    {
        _h.Options.MaxBatchItems = 1;
        Gate(_h.Events, 1);
        var batcher = Batcher();
        var handle = await batcher.EnqueueAsync(BulkHarness.Event(0));
        await Eventually.HoldsAsync(() => _h.Events.Requests.Count == 1, "the item is in flight");
        using var stop = new CancellationTokenSource();
        var service = new KlaviyoBatcherShutdownService(batcher);
        var stopping = service.StopAsync(stop.Token);
        await stop.CancelAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(service.LastReport!.NotDelivered, Is.EqualTo(1));
            Assert.That(handle.Result.Reason, Is.EqualTo(KlaviyoItemOutcome.NotDeliveredBeforeShutdown));
        });
    }
}
