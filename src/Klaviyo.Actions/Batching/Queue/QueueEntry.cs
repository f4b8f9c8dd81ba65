namespace Klaviyo.Actions.Batching;

/// <summary>
/// One queued item: a bulk item (<see cref="Prepared"/>, measured and serialized at submission) or an action
/// sent on its own (<see cref="Single"/>), where its outcome goes, and the person keys that order it.
/// </summary>
internal sealed class QueueEntry
{
    private KlaviyoItemOutcome? _provisional;
    private int _completed;

    private QueueEntry(string action, PreparedItem? prepared, KlaviyoBatchItem? single, int? batchCap, string[]? personKeys, IDeliveryReceiver receiver, int slot)
    {
        Action = action;
        Prepared = prepared;
        Single = single;
        BatchCap = batchCap;
        PersonKeys = personKeys;
        Receiver = receiver;
        Slot = slot;
    }

    /// <summary>Segment's name of the action.</summary>
    public string Action { get; }

    /// <summary>The bulk item; <see langword="null"/> for an action sent on its own.</summary>
    public PreparedItem? Prepared { get; }

    /// <summary>The action sent on its own (its mapping does not batch); <see langword="null"/> for a bulk item.</summary>
    public KlaviyoBatchItem? Single { get; private set; }

    /// <summary>The mapping's <c>batch_size</c>: the most items a request carrying this one may hold.</summary>
    public int? BatchCap { get; }

    /// <summary>The person keys of a state-setting action (see <see cref="PersonOrder"/>); <see langword="null"/> for events.</summary>
    public string[]? PersonKeys { get; }

    public IDeliveryReceiver Receiver { get; }

    public int Slot { get; }

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> when it was queued.</summary>
    public long EnqueuedAt { get; set; }

    /// <summary>The flush generation that waits for it.</summary>
    public FlushGeneration Generation { get; set; } = null!;

    /// <summary>Whether <see cref="PersonOrder"/> took it in (so its outcome must release its followers).</summary>
    public bool Admitted { get; set; }

    /// <summary>How many earlier unfinished items of the same person it waits for (owned by the flush loop).</summary>
    public int Blockers { get; set; }

    /// <summary>Later items of the same person waiting for this one (owned by the flush loop).</summary>
    public List<QueueEntry>? Followers { get; set; }

    /// <summary>Set when Klaviyo accepted its request and its job is being followed.</summary>
    public KlaviyoItemOutcome? Provisional
    {
        get => Volatile.Read(ref _provisional);
        set => Volatile.Write(ref _provisional, value);
    }

    public static QueueEntry Bulk(PreparedItem prepared, int? batchCap, string[]? personKeys, IDeliveryReceiver receiver, int slot) =>
        new(prepared.Action, prepared, null, batchCap, personKeys, receiver, slot);

    public static QueueEntry ForSingle(KlaviyoBatchItem item, string[]? personKeys, IDeliveryReceiver receiver, int slot) =>
        new(item.ActionName, null, item, null, personKeys, receiver, slot);

    /// <summary>True the first time only: an entry gets exactly one outcome.</summary>
    public bool TryComplete()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        Single = null; // the request (personal data) is not kept past its outcome
        return true;
    }
}
