namespace Klaviyo.Actions.Batching;

/// <summary>
/// The queued items of one <see cref="QueueGroupId"/>, measured the way <see cref="BulkPlanner"/> will measure
/// them: parts counted against the endpoint's count limit (merged parts where Klaviyo counts them), and the
/// request size (envelope, rows, separators, merged parts). While everything in a group fits one request, a
/// flush of the group costs exactly one request. The group is owned by the queue's single flush loop.
/// </summary>
internal sealed class QueueGroup
{
    private readonly int _envelopeBytes;
    private HashSet<BulkKey>? _mergeKeys;
    private HashSet<BulkKey>? _conflictKeys;
    private int _rows;

    public QueueGroup(QueueGroupId id, BulkEndpointDescriptor endpoint, int envelopeBytes)
    {
        Id = id;
        Endpoint = endpoint;
        _envelopeBytes = envelopeBytes;
        RequestBytes = envelopeBytes;
    }

    public QueueGroupId Id { get; }

    public BulkEndpointDescriptor Endpoint { get; }

    /// <summary>The items, in arrival order.</summary>
    public List<QueueEntry> Entries { get; private set; } = [];

    /// <summary>Parts counted against <see cref="BulkEndpointDescriptor.MaxParts"/>.</summary>
    public int CountedParts { get; private set; }

    /// <summary>The planned size of one request holding every part.</summary>
    public long RequestBytes { get; private set; }

    /// <summary>The items' estimated serialized bytes (what <see cref="KlaviyoBatchingOptions.MaxBatchBytes"/> caps).</summary>
    public long EstimatedBytes { get; private set; }

    /// <summary>When the oldest item was queued (<see cref="TimeProvider.GetTimestamp"/>); meaningless when empty.</summary>
    public long OldestAt => Entries[0].EnqueuedAt;

    public bool IsEmpty => Entries.Count == 0;

    /// <summary>The smallest <c>batch_size</c> of its items' mappings (the most items one request of the group may hold); <see langword="null"/> when none set one.</summary>
    public int? Cap { get; private set; }

    /// <summary>The earliest flush generation of its items (what a <c>FlushAsync</c> covers); meaningless when empty.</summary>
    public long FirstGeneration { get; private set; }

    /// <summary>
    /// Whether the item's parts join the group's request without passing Klaviyo's count or byte limit or
    /// repeating a conflict key. An empty group takes anything (the planner splits what one request cannot hold).
    /// </summary>
    public bool Fits(QueueEntry entry)
    {
        if (IsEmpty)
        {
            return true;
        }

        int? cap = Min(Cap, entry.BatchCap);
        if (cap is { } most && Entries.Count >= most)
        {
            return false;
        }

        var (parts, bytes, conflicts) = Measure(entry.Prepared!);
        return !conflicts && CountedParts + parts <= Endpoint.MaxParts && RequestBytes + bytes <= Endpoint.MaxRequestBytes;
    }

    public void Add(QueueEntry entry)
    {
        var prepared = entry.Prepared!;
        var measures = prepared.PartMeasures;
        if (measures.Count == 0)
        {
            // Removals: one profile id row each, at most (ids are looked up at flush time; duplicates collapse).
            CountedParts++;
            RequestBytes += prepared.EstimatedBytes + (_rows++ > 0 ? BulkPlanner.RowSeparatorBytes : 0);
        }

        for (int i = 0; i < measures.Count; i++)
        {
            var measure = measures[i];
            if (BulkPlanner.IsOversized(Endpoint, _envelopeBytes, measure))
            {
                continue; // never sent: the flush makes the item invalid
            }

            if (measure.MergeKey is { IsNone: false } mergeKey && !(_mergeKeys ??= new HashSet<BulkKey>()).Add(mergeKey))
            {
                CountedParts += Endpoint.MergedPartsCount ? 1 : 0;
                RequestBytes += measure.MergedBytes;
            }
            else
            {
                CountedParts++;
                RequestBytes += measure.Bytes + (_rows++ > 0 ? BulkPlanner.RowSeparatorBytes : 0);
            }

            if (measure.ConflictKey is { IsNone: false } conflict)
            {
                (_conflictKeys ??= new HashSet<BulkKey>()).Add(conflict);
            }
        }

        EstimatedBytes += prepared.EstimatedBytes;
        Cap = Min(Cap, entry.BatchCap);
        long generation = entry.Generation.Sequence;
        FirstGeneration = IsEmpty ? generation : Math.Min(FirstGeneration, generation);
        Entries.Add(entry);
    }

    /// <summary>
    /// Why the group should be sent now that it holds what it holds: Klaviyo's count limit reached (a request
    /// cannot take another part), or one of the user's caps reached; <see langword="null"/> while it can grow.
    /// </summary>
    public FlushReason? Full(int? maxItems, int? maxBytes)
    {
        if (CountedParts >= Endpoint.MaxParts || RequestBytes >= Endpoint.MaxRequestBytes)
        {
            return FlushReason.Limit;
        }

        maxItems = Min(maxItems, Cap);

        if (maxItems is { } items && Entries.Count >= items)
        {
            return FlushReason.Count;
        }

        return maxBytes is { } bytes && EstimatedBytes >= bytes ? FlushReason.Bytes : null;
    }

    /// <summary>Hands the items over and starts the group afresh.</summary>
    public List<QueueEntry> TakeAll()
    {
        var taken = Entries;
        Entries = [];
        CountedParts = 0;
        RequestBytes = _envelopeBytes;
        EstimatedBytes = 0;
        Cap = null;
        _rows = 0;
        _mergeKeys?.Clear();
        _conflictKeys?.Clear();
        return taken;
    }

    /// <summary>What adding the item would add: counted parts, request bytes, and whether a conflict key repeats.</summary>
    private (int Parts, long Bytes, bool Conflicts) Measure(PreparedItem prepared)
    {
        var measures = prepared.PartMeasures;
        if (measures.Count == 0)
        {
            return (1, prepared.EstimatedBytes + BulkPlanner.RowSeparatorBytes, false);
        }

        int parts = 0;
        long bytes = 0;
        HashSet<BulkKey>? ownMergeKeys = null;
        for (int i = 0; i < measures.Count; i++)
        {
            var measure = measures[i];
            if (BulkPlanner.IsOversized(Endpoint, _envelopeBytes, measure))
            {
                continue;
            }

            if (measure.ConflictKey is { IsNone: false } conflict && _conflictKeys is not null && _conflictKeys.Contains(conflict))
            {
                return (parts, bytes, true);
            }

            bool merged = measure.MergeKey is { IsNone: false } mergeKey &&
                ((_mergeKeys is not null && _mergeKeys.Contains(mergeKey)) || !(ownMergeKeys ??= new HashSet<BulkKey>()).Add(mergeKey));
            if (merged)
            {
                parts += Endpoint.MergedPartsCount ? 1 : 0;
                bytes += measure.MergedBytes;
            }
            else
            {
                parts++;
                bytes += measure.Bytes + BulkPlanner.RowSeparatorBytes;
            }
        }

        return (parts, bytes, false);
    }

    private static int? Min(int? left, int? right) => left is { } l && right is { } r ? Math.Min(l, r) : left ?? right;
}
