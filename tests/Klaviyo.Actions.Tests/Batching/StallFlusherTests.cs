using System.Threading.Channels;
using Klaviyo.Actions.Batching;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>
/// A destination that waits on the queue asks for a flush each time it stalls and each time an action joins the
/// queue while it is stalled. <see cref="StallFlusher"/> keeps one flush in flight and folds the requests that arrive
/// meanwhile into one follow-up, so the actions resumed events queue next travel together.
/// </summary>
public class StallFlusherTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Requests_during_a_flush_fold_into_one_follow_up_started_when_it_is_answered()
    {
        var queue = new ManualFlushQueue();
        var flusher = new StallFlusher(queue);
        var ct = TestContext.CurrentContext.CancellationToken;

        flusher.Request();
        var first = await queue.NextFlushAsync(ct);
        flusher.Request();
        flusher.Request();
        flusher.Request();
        Assert.That(queue.Started, Is.EqualTo(1), "no second flush while the first is unanswered");

        first.SetResult();
        var followUp = await queue.NextFlushAsync(ct);
        Assert.That(queue.Started, Is.EqualTo(2), "three requests, one follow-up");

        followUp.SetResult();
        flusher.Request();
        var third = await queue.NextFlushAsync(ct);
        third.SetResult();
        Assert.That(queue.Started, Is.EqualTo(3), "once answered with nothing asked meanwhile, the next request starts at once");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_failed_or_throwing_flush_does_not_stop_later_ones()
    {
        var queue = new ManualFlushQueue { ThrowOnFlush = 1 };
        var flusher = new StallFlusher(queue);
        var ct = TestContext.CurrentContext.CancellationToken;

        flusher.Request(); // throws synchronously inside the queue
        await queue.NextFlushAsync(ct);
        flusher.Request();
        var failed = await queue.NextFlushAsync(ct);
        failed.SetException(new HttpRequestException("down"));
        flusher.Request();
        var next = await queue.NextFlushAsync(ct);
        next.SetResult();

        Assert.That(queue.Started, Is.EqualTo(3));
    }

    /// <summary>A queue whose flushes are answered by the test; every start is announced.</summary>
    private sealed class ManualFlushQueue : IKlaviyoBatcher
    {
        private readonly Channel<TaskCompletionSource> _starts = Channel.CreateUnbounded<TaskCompletionSource>();
        private int _started;

        public int ThrowOnFlush { get; init; }

        public int Started => Volatile.Read(ref _started);

        public long QueueLength => 0;

        public ValueTask<Task<KlaviyoItemOutcome>> EnqueueAsync(KlaviyoBatchItem item, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task FlushAsync(CancellationToken cancellationToken = default)
        {
            int number = Interlocked.Increment(ref _started);
            var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _starts.Writer.TryWrite(answer);
            if (number == ThrowOnFlush)
            {
                answer.SetResult();
                throw new ObjectDisposedException("queue");
            }

            return answer.Task;
        }

        public async Task<TaskCompletionSource> NextFlushAsync(CancellationToken cancellationToken) =>
            await _starts.Reader.ReadAsync(cancellationToken);
    }
}
