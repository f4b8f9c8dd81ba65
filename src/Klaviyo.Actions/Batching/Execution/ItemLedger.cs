namespace Klaviyo.Actions.Batching;

/// <summary>
/// Folds the outcomes of an item's parts (an order's events, a removal's profile ids) into one outcome per
/// item, and hands each item's outcome to the sink exactly once. Thread-safe: parts of one item may finish
/// on different requests at the same time.
/// </summary>
internal sealed class ItemLedger
{
    private readonly Slot[] _slots;
    private readonly IBulkOutcomeSink _sink;

    public ItemLedger(IReadOnlyList<PreparedItem> items, IBulkOutcomeSink sink)
    {
        _sink = sink;
        _slots = new Slot[items.Count];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot(items[i].Action, items[i].Item.Request as OrderCompletedRequest);
        }
    }

    /// <summary>Segment's action name of an item.</summary>
    public string ActionOf(int index) => _slots[index].Action;

    /// <summary>Sets how many part outcomes the item waits for.</summary>
    public void Expect(int index, int parts)
    {
        var slot = _slots[index];
        lock (slot)
        {
            slot.Pending += parts;
            if (slot.Order is not null && parts > 1)
            {
                // An order's events are told apart in its outcome when not all are accepted.
                slot.Parts = new KlaviyoItemOutcome?[parts];
            }
        }
    }

    /// <summary>Records the profile ids a removal resolved to; they are put on its final outcome.</summary>
    public void SetProfileIds(int index, IReadOnlyList<string> profileIds)
    {
        var slot = _slots[index];
        lock (slot)
        {
            slot.ProfileIds = profileIds;
        }
    }

    /// <summary>Completes the item now, whatever its parts still pending.</summary>
    public void Complete(int index, KlaviyoItemOutcome outcome)
    {
        var slot = _slots[index];
        lock (slot)
        {
            if (slot.Completed)
            {
                return;
            }

            slot.Completed = true;
            outcome = WithParts(WithProfileIds(outcome, slot.ProfileIds), slot);
        }

        _sink.OnCompleted(index, outcome);
    }

    /// <summary>Records one part's outcome; completes the item when its last part is in.</summary>
    /// <param name="index">The item's position.</param>
    /// <param name="part">The part's position among the item's parts.</param>
    /// <param name="partOutcome">What happened to the part.</param>
    public void ReportPart(int index, int part, KlaviyoItemOutcome partOutcome)
    {
        var slot = _slots[index];
        KlaviyoItemOutcome final;
        lock (slot)
        {
            if (slot.Completed)
            {
                return;
            }

            slot.Outcome = slot.Outcome is null ? partOutcome : Combine(slot.Outcome, partOutcome);
            if (slot.Parts is { } parts && (uint)part < (uint)parts.Length)
            {
                parts[part] = partOutcome;
            }

            if (--slot.Pending > 0)
            {
                return;
            }

            slot.Completed = true;
            final = WithParts(WithProfileIds(slot.Outcome, slot.ProfileIds), slot);
        }

        _sink.OnCompleted(index, final);
    }

    /// <summary>Passes on that the item's request was accepted and its job is being followed.</summary>
    public void Provisional(int index, KlaviyoItemOutcome outcome)
    {
        var slot = _slots[index];
        lock (slot)
        {
            if (slot.Completed)
            {
                return;
            }
        }

        _sink.OnProvisional(index, outcome);
    }

    /// <summary>Completes every item that has no outcome yet.</summary>
    /// <returns>How many items it completed.</returns>
    public int CompleteUnfinished(Func<string, KlaviyoItemOutcome> outcome)
    {
        int count = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            bool open;
            lock (_slots[i])
            {
                open = !_slots[i].Completed;
            }

            if (open)
            {
                count++;
                Complete(i, outcome(_slots[i].Action));
            }
        }

        return count;
    }

    /// <summary>
    /// The worse of two part outcomes: invalid, then rejected, then failed, then accepted; the first one seen
    /// wins a tie. Two acceptances keep the first job id and the weaker confirmation.
    /// </summary>
    internal static KlaviyoItemOutcome Combine(KlaviyoItemOutcome current, KlaviyoItemOutcome next)
    {
        int currentRank = Rank(current.Status), nextRank = Rank(next.Status);
        if (nextRank > currentRank)
        {
            return next;
        }

        if (nextRank < currentRank || current.Status != KlaviyoItemStatus.Accepted)
        {
            return current;
        }

        var confirmation = (KlaviyoJobConfirmation)Math.Max((int)current.JobConfirmation, (int)next.JobConfirmation);
        return confirmation == current.JobConfirmation && (current.JobId is not null || next.JobId is null)
            ? current
            : current with { JobConfirmation = confirmation, JobId = current.JobId ?? next.JobId, Reason = current.Reason ?? next.Reason };
    }

    private static int Rank(KlaviyoItemStatus status) => status switch
    {
        KlaviyoItemStatus.Accepted => 0,
        KlaviyoItemStatus.Failed => 1,
        KlaviyoItemStatus.Rejected => 2,
        _ => 3,
    };

    private static KlaviyoItemOutcome WithProfileIds(KlaviyoItemOutcome outcome, IReadOnlyList<string>? ids) =>
        ids is null || ReferenceEquals(outcome.ProfileIds, ids) ? outcome : outcome with { ProfileIds = ids };

    /// <summary>An order's outcome names its events when not all were accepted; an event without an outcome yet gets the order's.</summary>
    private static KlaviyoItemOutcome WithParts(KlaviyoItemOutcome outcome, Slot slot)
    {
        if (slot.Parts is not { } parts || slot.Order is not { } order || outcome.IsAccepted)
        {
            return outcome;
        }

        var known = new KlaviyoItemOutcome?[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            known[i] = parts[i] ?? outcome with { Parts = [] };
        }

        return outcome with { Parts = OrderParts.Build(order, slot.Action, known) };
    }

    private sealed class Slot(string action, OrderCompletedRequest? order)
    {
        public string Action { get; } = action;

        /// <summary>The order, when the item is Order Completed (its parts are named in the outcome).</summary>
        public OrderCompletedRequest? Order { get; } = order;

        /// <summary>Each part's outcome, for an order of more than one event; <see langword="null"/> otherwise.</summary>
        public KlaviyoItemOutcome?[]? Parts { get; set; }

        public int Pending { get; set; }

        public bool Completed { get; set; }

        public KlaviyoItemOutcome? Outcome { get; set; }

        public IReadOnlyList<string>? ProfileIds { get; set; }
    }
}
