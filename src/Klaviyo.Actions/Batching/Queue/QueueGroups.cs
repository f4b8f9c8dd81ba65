namespace Klaviyo.Actions.Batching;

/// <summary>
/// The queue's open groups, one per <see cref="QueueGroupId"/> holding items; a group leaves when it is sent.
/// Owned by the queue's single flush loop (not thread-safe).
/// </summary>
internal sealed class QueueGroups(Func<BulkEndpointKind, BulkGroupKey, int> measureEnvelope)
{
    private readonly Dictionary<QueueGroupId, QueueGroup> _groups = [];

    /// <summary>Items in every group.</summary>
    public int Items { get; private set; }

    public bool IsEmpty => Items == 0;

    /// <summary>The group an item joins; created (envelope measured) on first use.</summary>
    public QueueGroup For(QueueEntry entry)
    {
        // Items that send nothing (invalid) get their outcome at enqueue and never reach the queue.
        var endpoint = entry.Prepared?.Endpoint
            ?? throw new InvalidOperationException("An item that sends nothing was queued; it should have had its outcome at enqueue.");
        var id = new QueueGroupId(endpoint.Kind, entry.Prepared!.GroupKey);
        if (!_groups.TryGetValue(id, out var group))
        {
            _groups[id] = group = new QueueGroup(id, endpoint, measureEnvelope(id.Kind, id.Key));
        }

        return group;
    }

    public void Add(QueueGroup group, QueueEntry entry)
    {
        group.Add(entry);
        Items++;
    }

    /// <summary>Takes one group's items.</summary>
    public List<QueueEntry> Take(QueueGroup group)
    {
        Items -= group.Entries.Count;
        _groups.Remove(group.Id);
        return group.TakeAll();
    }

    /// <summary>Takes every group's items.</summary>
    public List<QueueEntry> TakeAll()
    {
        var taken = new List<QueueEntry>(Items);
        foreach (var group in _groups.Values)
        {
            taken.AddRange(group.TakeAll());
        }

        _groups.Clear();
        Items = 0;
        return taken;
    }

    /// <summary>Takes the items of every group that matches.</summary>
    public List<QueueEntry> TakeWhere(Func<QueueGroup, bool> match)
    {
        List<QueueEntry>? taken = null;
        List<QueueGroup>? emptied = null;
        foreach (var group in _groups.Values)
        {
            if (match(group))
            {
                (taken ??= []).AddRange(group.Entries);
                (emptied ??= []).Add(group);
            }
        }

        if (emptied is not null)
        {
            foreach (var group in emptied)
            {
                Take(group);
            }
        }

        return taken ?? [];
    }

    /// <summary>Whether any group matches.</summary>
    public bool Any(Func<QueueGroup, bool> match)
    {
        foreach (var group in _groups.Values)
        {
            if (match(group))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The group holding the most items; <see langword="null"/> when empty.</summary>
    public QueueGroup? Largest()
    {
        QueueGroup? largest = null;
        foreach (var group in _groups.Values)
        {
            if (largest is null || group.Entries.Count > largest.Entries.Count)
            {
                largest = group;
            }
        }

        return largest;
    }

    /// <summary>When the oldest queued item of any group was queued; <see langword="null"/> when empty.</summary>
    public long? OldestAt()
    {
        long? oldest = null;
        foreach (var group in _groups.Values)
        {
            if (oldest is null || group.OldestAt < oldest)
            {
                oldest = group.OldestAt;
            }
        }

        return oldest;
    }

    /// <summary>Every queued item, for failing them when the loop stops.</summary>
    public IEnumerable<QueueEntry> Entries()
    {
        foreach (var group in _groups.Values)
        {
            foreach (var entry in group.Entries)
            {
                yield return entry;
            }
        }
    }
}
