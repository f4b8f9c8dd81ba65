namespace Klaviyo.Actions.Batching;

/// <summary>One flush in progress: the entries it sends.</summary>
internal sealed class FlushWork(List<QueueEntry> entries)
{
    private int _slotReleased;

    public List<QueueEntry> Entries { get; } = entries;

    /// <summary>Returns true the first time only: the flush gives its concurrency slot back once.</summary>
    public bool TakeSlotRelease() => Interlocked.Exchange(ref _slotReleased, 1) == 0;
}
