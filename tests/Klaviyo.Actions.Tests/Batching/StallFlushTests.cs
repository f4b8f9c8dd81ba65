using System.Threading.Channels;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>
/// A destination waits for each batched outcome, so once every concurrency slot holds an event waiting on the queue
/// nothing more can join the batch: the batching dispatcher then flushes instead of leaving the items to the
/// queue's max delay. The fake queue here only answers on a flush, so a missed flush hangs the test.
/// </summary>
public class StallFlushTests
{
    private const string BatchedTrack = """
        { "settings": {}, "mappings": [ { "name": "Track", "action": "trackEvent", "trigger": "type = \"track\"", "useDefaults": true,
          "mapping": { "enable_batching": true, "profile": { "email": { "@path": "$.properties.email" } } } } ] }
        """;

    [Test]
    [CancelAfter(30_000)]
    public async Task Destination_flushes_the_queue_when_every_slot_waits_on_it_and_at_the_end_of_input()
    {
        var queue = new FlushOnlyQueue();
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(BatchedTrack), client, new KlaviyoDestinationOptions
        {
            MaxConcurrency = 4,
            Dispatcher = new KlaviyoBatchingDispatcher(client, queue),
        });

        var results = await destination.SendAllAsync(Events(10), TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Succeeded), Is.All.True);
            Assert.That(queue.Enqueued, Is.EqualTo(10));
            // At most 4 events wait at once, so 10 need at least 3 flushes; each flush answers everything queued.
            Assert.That(queue.FlushesThatAnswered, Is.InRange(3, 10));
            Assert.That(client.Calls, Is.Empty, "batched actions never go through the client one by one");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task While_the_input_is_quiet_a_users_queued_events_are_flushed_rather_than_each_waiting_out_the_delay()
    {
        // Two users, four events each, then the input goes quiet (a web server between requests). Each user's events
        // run one after another, so without a flush every one would wait a whole batch delay for the one before it.
        var queue = new FlushOnlyQueue();
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(BatchedTrack), client, new KlaviyoDestinationOptions
        {
            Dispatcher = new KlaviyoBatchingDispatcher(client, queue),
        });
        var input = Channel.CreateUnbounded<SegmentEvent>();
        for (int i = 0; i < 8; i++)
        {
            input.Writer.TryWrite(SegmentEvent.Parse($$$"""{"type":"track","event":"Viewed","messageId":"q{{{i}}}","userId":"u{{{i % 2}}}","timestamp":"2026-11-01T10:00:00Z","properties":{"email":"u{{{i % 2}}}@shop-demo.test"}}"""));
        }

        var ct = TestContext.CurrentContext.CancellationToken;
        await using var results = destination.SendAllAsync(input.Reader.ReadAllAsync(ct), ct).GetAsyncEnumerator(ct);
        var received = new List<EventResult>();
        for (int i = 0; i < 6; i++)
        {
            Assert.That(await results.MoveNextAsync(), Is.True);
            received.Add(results.Current);
        }

        // The last event of each user has nobody behind it: it waits for more input (or the delay), as batching
        // intends. Ending the input flushes it.
        input.Writer.Complete();
        while (await results.MoveNextAsync())
        {
            received.Add(results.Current);
        }

        Assert.Multiple(() =>
        {
            Assert.That(received.Select(r => r.MessageId), Is.EqualTo(Enumerable.Range(0, 8).Select(i => $"q{i}")));
            Assert.That(received.Select(r => r.Succeeded), Is.All.True);
            Assert.That(queue.Enqueued, Is.EqualTo(8));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task With_a_batching_dispatcher_the_default_concurrency_fills_a_batch_with_every_event()
    {
        var queue = new FlushOnlyQueue();
        var client = new RecordingKlaviyoClient();
        var options = new KlaviyoDestinationOptions { Dispatcher = new KlaviyoBatchingDispatcher(client, queue) };
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(BatchedTrack), client, options);

        var results = await destination.SendAllAsync(Events(600), TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(options.MaxConcurrency, Is.EqualTo(KlaviyoDestinationOptions.DefaultBatchingMaxConcurrency));
            Assert.That(new KlaviyoDestinationOptions().MaxConcurrency, Is.EqualTo(KlaviyoDestinationOptions.DefaultMaxConcurrency));
            Assert.That(new KlaviyoDestinationOptions { Dispatcher = options.Dispatcher, MaxConcurrency = 8 }.MaxConcurrency, Is.EqualTo(8), "an explicit value wins");
            Assert.That(results.Select(r => r.Succeeded), Is.All.True);
            Assert.That(queue.Enqueued, Is.EqualTo(600));
            // 600 distinct users fit the 1,000 slots: one flush, at the end of input, answers all of them (4 slots
            // would have needed at least 150).
            Assert.That(queue.FlushesThatAnswered, Is.EqualTo(1));
        });
    }

    [TestCase(1)]
    [TestCase(4)]
    [CancelAfter(30_000)]
    public async Task An_action_queued_after_the_stall_flush_by_an_event_with_two_batched_mappings_is_flushed_too(int maxConcurrency)
    {
        // Each event matches two batched mappings, sent one after the other: the second action joins the queue only
        // once the flush that answered the first has come back, while the destination is still waiting on every slot.
        const string TwoBatched = """
            { "settings": {}, "mappings": [
              { "name": "Track", "action": "trackEvent", "trigger": "type = \"track\"", "useDefaults": true,
                "mapping": { "enable_batching": true, "profile": { "email": { "@path": "$.properties.email" } } } },
              { "name": "Track again", "action": "trackEvent", "trigger": "type = \"track\"", "useDefaults": true,
                "mapping": { "enable_batching": true, "profile": { "email": { "@path": "$.properties.email" } } } } ] }
            """;
        var queue = new FlushOnlyQueue();
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(TwoBatched), client, new KlaviyoDestinationOptions
        {
            MaxConcurrency = maxConcurrency,
            Dispatcher = new KlaviyoBatchingDispatcher(client, queue),
        });

        var results = await destination.SendAllAsync(Events(6), TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Succeeded), Is.All.True);
            Assert.That(results.Select(r => r.Outcomes.Count(o => o.Kind == MappingOutcomeKind.Sent)), Is.All.EqualTo(2));
            Assert.That(queue.Enqueued, Is.EqualTo(12));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Order_completed_goes_to_the_queue_only_when_the_dispatcher_is_asked_to_batch_it()
    {
        const string Orders = """
            { "settings": {}, "mappings": [ { "name": "Order", "action": "orderCompleted" } ] }
            """;
        string order = """{"type":"track","event":"Order Completed","messageId":"o1","userId":"u1","timestamp":"2026-11-01T10:00:00Z","properties":{"email":"u1@shop-demo.test","order_id":"A1","revenue":10,"products":[{"product_id":"p1","price":10,"quantity":1}]}}""";

        async Task<(FlushOnlyQueue Queue, RecordingKlaviyoClient Client, EventResult Result)> SendAsync(bool batchOrders)
        {
            var queue = new FlushOnlyQueue();
            var client = new RecordingKlaviyoClient();
            var destination = new KlaviyoDestination(DestinationConfiguration.Parse(Orders), client, new KlaviyoDestinationOptions
            {
                Dispatcher = new KlaviyoBatchingDispatcher(client, queue) { BatchOrderCompleted = batchOrders },
            });
            // SendAllAsync: the end of input is a stall, so the queued order is flushed rather than left to the delay.
            var results = await destination.SendAllAsync([SegmentEvent.Parse(order)], TestContext.CurrentContext.CancellationToken);
            return (queue, client, results.Single());
        }

        var direct = await SendAsync(batchOrders: false);
        var queued = await SendAsync(batchOrders: true);

        Assert.Multiple(() =>
        {
            Assert.That(direct.Result.Succeeded, Is.True);
            Assert.That(direct.Queue.Enqueued, Is.Zero, "Segment's Order Completed has no batching: sent at once by default");
            Assert.That(direct.Client.Sent.OfType<OrderCompletedRequest>().Count(), Is.EqualTo(1));
            Assert.That(queued.Result.Succeeded, Is.True);
            Assert.That(queued.Queue.Enqueued, Is.EqualTo(1));
            Assert.That(queued.Queue.Items.Single().Action, Is.EqualTo(KlaviyoBatchAction.OrderCompleted));
            Assert.That(queued.Client.Sent, Is.Empty);
        });
    }

    private static List<SegmentEvent> Events(int count) =>
        Enumerable.Range(0, count)
            .Select(i => SegmentEvent.Parse($$$"""{"type":"track","event":"Viewed","messageId":"m{{{i}}}","userId":"u{{{i}}}","timestamp":"2026-11-01T10:00:00Z","properties":{"email":"u{{{i}}}@shop-demo.test"}}"""))
            .ToList();

    /// <summary>Holds every item until <see cref="FlushAsync"/>, which accepts all of them.</summary>
    private sealed class FlushOnlyQueue : IKlaviyoBatcher
    {
        private readonly object _gate = new();
        private readonly List<(KlaviyoBatchItem Item, TaskCompletionSource<KlaviyoItemOutcome> Handle)> _waiting = [];

        public int Enqueued { get; private set; }

        public List<KlaviyoBatchItem> Items { get; } = [];

        public int Flushes { get; private set; }

        public int FlushesThatAnswered { get; private set; }

        public long QueueLength
        {
            get
            {
                lock (_gate)
                {
                    return _waiting.Count;
                }
            }
        }

        public ValueTask<Task<KlaviyoItemOutcome>> EnqueueAsync(KlaviyoBatchItem item, CancellationToken cancellationToken = default)
        {
            var handle = new TaskCompletionSource<KlaviyoItemOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waiting.Add((item, handle));
                Items.Add(item);
                Enqueued++;
            }

            return ValueTask.FromResult(handle.Task);
        }

        public Task FlushAsync(CancellationToken cancellationToken = default)
        {
            List<(KlaviyoBatchItem Item, TaskCompletionSource<KlaviyoItemOutcome> Handle)> batch;
            lock (_gate)
            {
                Flushes++;
                batch = [.. _waiting];
                _waiting.Clear();
                if (batch.Count > 0)
                {
                    FlushesThatAnswered++;
                }
            }

            foreach (var (item, handle) in batch)
            {
                handle.SetResult(KlaviyoItemOutcome.Accepted(item.ActionName));
            }

            return Task.CompletedTask;
        }
    }
}
