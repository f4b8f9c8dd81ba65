namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A counting gate for one waiter (the runner's producer) and many releasers (finished items), without a lock:
/// taking a free slot is one compare-and-swap, releasing one is an increment, and only a producer that finds no
/// free slot allocates something to wait on.
/// </summary>
internal sealed class ConcurrencySlots(int count)
{
    private int _available = count;
    private TaskCompletionSource? _waiter;

    /// <summary>Slots free right now.</summary>
    public int Available => Volatile.Read(ref _available);

    /// <summary>Takes a slot, waiting for a release when none is free. Only one caller may wait at a time.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    public ValueTask WaitAsync(CancellationToken cancellationToken) =>
        TryTake() ? ValueTask.CompletedTask : new ValueTask(WaitSlowAsync(cancellationToken));

    /// <summary>Gives a slot back (from any thread) and wakes the waiter, if any.</summary>
    public void Release()
    {
        Interlocked.Increment(ref _available);
        Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
    }

    private bool TryTake()
    {
        int available = Volatile.Read(ref _available);
        while (available > 0)
        {
            int seen = Interlocked.CompareExchange(ref _available, available - 1, available);
            if (seen == available)
            {
                return true;
            }

            available = seen;
        }

        return false;
    }

    private async Task WaitSlowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiter, signal);

            // A release between the failed take and publishing the signal would not have seen it: look again.
            if (TryTake())
            {
                Interlocked.CompareExchange(ref _waiter, null, signal);
                return;
            }

            await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (TryTake())
            {
                return;
            }
        }
    }
}
