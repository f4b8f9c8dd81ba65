using System.Threading.Channels;
using Klaviyo.Actions.Mapping;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Messages accepted (the caller got 200) and not yet routed. Bounded: when full, a call waits for room rather
/// than dropping anything. On shutdown the queue stops taking messages (503) and the worker drains what it holds.
/// </summary>
internal sealed class IngestionQueue
{
    private readonly Channel<SegmentEvent> _channel;
    private readonly object _gate = new();
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private long _pending;

    public IngestionQueue(IOptions<WebSampleOptions> options)
    {
        _channel = Channel.CreateBounded<SegmentEvent>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Messages accepted and not yet routed to an outcome.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Adds the messages, waiting for room; false when the queue no longer takes messages (shutting down).</summary>
    public async ValueTask<bool> EnqueueAsync(IReadOnlyList<SegmentEvent> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            Interlocked.Increment(ref _pending);
            bool written = false;
            try
            {
                while (await _channel.Writer.WaitToWriteAsync(cancellationToken))
                {
                    if (_channel.Writer.TryWrite(message))
                    {
                        written = true;
                        break;
                    }
                }
            }
            finally
            {
                if (!written)
                {
                    MarkDone();
                }
            }

            if (!written)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The messages, in arrival order, until the queue is completed and empty.</summary>
    public IAsyncEnumerable<SegmentEvent> ReadAllAsync() => _channel.Reader.ReadAllAsync(CancellationToken.None);

    /// <summary>Records that one message reached its outcome.</summary>
    public void MarkDone()
    {
        if (Interlocked.Decrement(ref _pending) != 0)
        {
            return;
        }

        TaskCompletionSource[] waiters;
        lock (_gate)
        {
            waiters = [.. _idleWaiters];
            _idleWaiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Completes when every accepted message has reached its outcome (for tests and graceful hand-offs).</summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _idleWaiters.Add(waiter);
        }

        if (Pending == 0)
        {
            waiter.TrySetResult();
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking messages; those already queued are still routed.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
