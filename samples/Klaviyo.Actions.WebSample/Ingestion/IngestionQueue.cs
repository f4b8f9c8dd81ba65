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
    private readonly List<(long AtMost, TaskCompletionSource Signal)> _waiters = [];
    private readonly TaskCompletionSource _allRouted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(long AtLeast, TaskCompletionSource Signal)> _routedWaiters = [];
    private long _routed;
    private int _waiterCount;
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

    /// <summary>
    /// The messages, in arrival order, until the queue is completed and empty. The router asks for the next message
    /// only once it has routed the previous one, so when it asks past the last, every message was routed.
    /// </summary>
    public async IAsyncEnumerable<SegmentEvent> ReadAllAsync()
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(CancellationToken.None))
        {
            yield return message;
            Routed(); // the router asks for the next message once it has handed this one to delivery
        }

        _allRouted.TrySetResult();
    }

    /// <summary>Completes once at least <paramref name="count"/> messages were routed (handed to delivery); for tests.</summary>
    public Task WaitForRoutedAsync(long count, CancellationToken cancellationToken)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_routed >= count)
            {
                return Task.CompletedTask;
            }

            _routedWaiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    private void Routed()
    {
        lock (_gate)
        {
            _routed++;
            for (int i = _routedWaiters.Count - 1; i >= 0; i--)
            {
                if (_routed >= _routedWaiters[i].AtLeast)
                {
                    _routedWaiters[i].Signal.TrySetResult();
                    _routedWaiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Completes once the queue was completed and every message it held was routed (handed to delivery).</summary>
    public Task AllRouted => _allRouted.Task;

    /// <summary>Records that one message reached its outcome.</summary>
    public void MarkDone()
    {
        long pending = Interlocked.Decrement(ref _pending);
        if (Volatile.Read(ref _waiterCount) > 0)
        {
            Release(pending);
        }
    }

    /// <summary>Completes when every accepted message has reached its outcome (for tests and graceful hand-offs).</summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken) => WaitForPendingAtMostAsync(0, cancellationToken);

    /// <summary>Completes once at most <paramref name="count"/> accepted messages are still without an outcome.</summary>
    public Task WaitForPendingAtMostAsync(long count, CancellationToken cancellationToken)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((count, signal));
            _waiterCount = _waiters.Count;
        }

        Release(Pending); // already there
        return signal.Task.WaitAsync(cancellationToken);
    }

    private void Release(long pending)
    {
        List<TaskCompletionSource>? ready = null;
        lock (_gate)
        {
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (pending <= _waiters[i].AtMost)
                {
                    (ready ??= []).Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }

            _waiterCount = _waiters.Count;
        }

        ready?.ForEach(signal => signal.TrySetResult());
    }

    /// <summary>Stops taking messages; those already queued are still routed.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
