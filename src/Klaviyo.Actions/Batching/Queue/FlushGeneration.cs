namespace Klaviyo.Actions.Batching;

/// <summary>
/// The items enqueued between two <c>FlushAsync</c> calls. A flush closes the current generation and waits
/// until every item counted in it (and in the generations before) has an outcome.
/// </summary>
internal sealed class FlushGeneration(long sequence)
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outstanding;
    private volatile bool _closed;

    /// <summary>Increases with each generation: a flush request covers every item of a generation up to its own.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>Counts an item; called under the batcher's generation lock.</summary>
    public void Add() => Interlocked.Increment(ref _outstanding);

    /// <summary>No item of this generation is still waiting for its outcome.</summary>
    public bool IsEmpty => Volatile.Read(ref _outstanding) == 0;

    /// <summary>An item got its outcome (or was never queued).</summary>
    public void Remove()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0 && _closed)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>No more items join; the task completes when the counted ones are done.</summary>
    public Task Close()
    {
        _closed = true;
        if (Volatile.Read(ref _outstanding) == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }
}
