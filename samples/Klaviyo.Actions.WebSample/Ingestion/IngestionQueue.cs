using System.Threading.Channels;
using Klaviyo.Actions.Mapping;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>What became of a call's messages offered to the queue.</summary>
internal enum EnqueueResult
{
    /// <summary>All of them are queued.</summary>
    Accepted,

    /// <summary>None: the queue had no room for all of them within <see cref="WebSampleOptions.EnqueueTimeout"/>.</summary>
    Full,

    /// <summary>None: the queue no longer takes messages (shutting down).</summary>
    Closed,

    /// <summary>None: the queue's store (Redis) could not be reached, so nothing is known to be kept.</summary>
    Unavailable,
}

/// <summary>
/// Messages accepted (the caller got 200) and not yet routed. Bounded: when full, a call waits for room for all its
/// messages at most <see cref="WebSampleOptions.EnqueueTimeout"/>, then none of them are kept (503), so a call is
/// queued all-or-nothing. On shutdown the queue stops taking messages (503) and the worker drains what it holds.
/// </summary>
internal sealed class IngestionQueue : IIngestionQueue
{
    private readonly Channel<SegmentEvent> _channel = Channel.CreateUnbounded<SegmentEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _gate = new();
    private readonly List<(long AtMost, TaskCompletionSource Signal)> _waiters = [];
    private readonly TaskCompletionSource _allRouted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(long AtLeast, TaskCompletionSource Signal)> _routedWaiters = [];
    private long _routed;
    private readonly object _spaceGate = new();
    private readonly int _capacity;
    private readonly TimeSpan _enqueueTimeout;
    private TaskCompletionSource _spaceFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _queued;
    private bool _closed;
    private int _waiterCount;
    private long _pending;

    public IngestionQueue(IOptions<WebSampleOptions> options)
    {
        _capacity = Math.Max(1, options.Value.QueueCapacity);
        _enqueueTimeout = options.Value.EnqueueTimeout < TimeSpan.Zero ? TimeSpan.Zero : options.Value.EnqueueTimeout;
    }

    /// <summary>Messages accepted and not yet routed to an outcome.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <inheritdoc />
    public ValueTask<long> GetPendingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Pending);

    /// <summary>
    /// Adds all the messages or none: waits for room for all of them (a call larger than the whole queue only
    /// needs an empty queue) at most the enqueue timeout.
    /// </summary>
    public async ValueTask<EnqueueResult> EnqueueAsync(IReadOnlyList<SegmentEvent> messages, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_enqueueTimeout);
        while (true)
        {
            Task spaceFreed;
            lock (_spaceGate)
            {
                if (_closed)
                {
                    return EnqueueResult.Closed;
                }

                if (_queued == 0 || _queued + messages.Count <= _capacity)
                {
                    _queued += messages.Count;
                    Interlocked.Add(ref _pending, messages.Count);
                    foreach (var message in messages)
                    {
                        _channel.Writer.TryWrite(message);
                    }

                    return EnqueueResult.Accepted;
                }

                spaceFreed = _spaceFreed.Task;
            }

            try
            {
                await spaceFreed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return EnqueueResult.Full;
            }
        }
    }

    /// <summary>
    /// The messages, in arrival order, until the queue is completed and empty. The router asks for the next message
    /// only once it has routed the previous one, so when it asks past the last, every message was routed.
    /// </summary>
    public async IAsyncEnumerable<SegmentEvent> ReadAllAsync()
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(CancellationToken.None))
        {
            TaskCompletionSource freed;
            lock (_spaceGate)
            {
                _queued--;
                freed = _spaceFreed;
                _spaceFreed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            freed.TrySetResult();
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
    public void Complete()
    {
        lock (_spaceGate)
        {
            _closed = true;
            _channel.Writer.TryComplete();
        }
    }
}
