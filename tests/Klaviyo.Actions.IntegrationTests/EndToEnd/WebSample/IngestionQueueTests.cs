using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.WebSample;
using Klaviyo.Actions.WebSample.Ingestion;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>The web sample's queue: a call's messages are queued all-or-nothing, and a full queue answers in bounded time.</summary>
public class IngestionQueueTests
{
    private static IngestionQueue Queue(int capacity, TimeSpan timeout) =>
        new(Options.Create(new WebSampleOptions { QueueCapacity = capacity, EnqueueTimeout = timeout }));

    private static SegmentEvent[] Events(int count) =>
        [.. Enumerable.Range(0, count).Select(i => SegmentEvent.Parse($$$"""{"type":"track","messageId":"q-{{{i}}}","userId":"u","event":"E","properties":{}}"""))];

    [Test]
    public async Task A_call_that_does_not_fit_in_time_keeps_none_of_its_messages()
    {
        var queue = Queue(capacity: 3, TimeSpan.Zero);

        Assert.That(await queue.EnqueueAsync(Events(2), CancellationToken.None), Is.EqualTo(EnqueueResult.Accepted));
        Assert.That(await queue.EnqueueAsync(Events(2), CancellationToken.None), Is.EqualTo(EnqueueResult.Full));
        Assert.That(queue.Pending, Is.EqualTo(2), "nothing of the refused call was kept");
        Assert.That(await queue.EnqueueAsync(Events(1), CancellationToken.None), Is.EqualTo(EnqueueResult.Accepted));
    }

    [Test]
    public async Task A_waiting_call_is_queued_whole_once_room_is_freed()
    {
        var queue = Queue(capacity: 2, TimeSpan.FromMinutes(5));
        Assert.That(await queue.EnqueueAsync(Events(2), CancellationToken.None), Is.EqualTo(EnqueueResult.Accepted));

        var waiting = queue.EnqueueAsync(Events(2), CancellationToken.None).AsTask();
        Assert.That(waiting.IsCompleted, Is.False);
        await using var reader = queue.ReadAllAsync().GetAsyncEnumerator();
        Assert.That(await reader.MoveNextAsync(), Is.True);
        Assert.That(waiting.IsCompleted, Is.False, "one free slot is not room for two");
        Assert.That(await reader.MoveNextAsync(), Is.True);

        Assert.That(await waiting, Is.EqualTo(EnqueueResult.Accepted));
        Assert.That(queue.Pending, Is.EqualTo(4));
    }

    [Test]
    public async Task A_call_larger_than_the_queue_is_taken_when_the_queue_is_empty_and_none_after_complete()
    {
        var queue = Queue(capacity: 2, TimeSpan.Zero);

        Assert.That(await queue.EnqueueAsync(Events(5), CancellationToken.None), Is.EqualTo(EnqueueResult.Accepted));
        queue.Complete();
        Assert.That(await queue.EnqueueAsync(Events(1), CancellationToken.None), Is.EqualTo(EnqueueResult.Closed));
    }
}
