namespace Klaviyo.Actions.Batching;

/// <summary>One queued item: its prepared form, its handle and when it was queued.</summary>
internal sealed class QueueEntry(PreparedItem prepared, long enqueuedAt, FlushGeneration generation)
{
    public PreparedItem Prepared { get; } = prepared;

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> when it was queued.</summary>
    public long EnqueuedAt { get; } = enqueuedAt;

    /// <summary>The flush generation that waits for it.</summary>
    public FlushGeneration Generation { get; } = generation;

    public TaskCompletionSource<KlaviyoItemOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private KlaviyoItemOutcome? _provisional;

    /// <summary>Set when Klaviyo accepted its request and its job is being followed.</summary>
    public KlaviyoItemOutcome? Provisional
    {
        get => Volatile.Read(ref _provisional);
        set => Volatile.Write(ref _provisional, value);
    }
}
