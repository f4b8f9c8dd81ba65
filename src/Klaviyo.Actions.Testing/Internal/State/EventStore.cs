namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>
/// Recorded events and the de-duplication keys (profile + metric + <c>unique_id</c>, or the time to the second when no
/// <c>unique_id</c> was sent). One lock guards both.
/// </summary>
internal sealed class EventStore
{
    private readonly object _gate = new();
    private readonly List<(long Sequence, EmulatedEvent Event)> _events = [];
    private readonly HashSet<DedupeKey> _keys = [];
    private long _duplicates;
    private long _sequence;

    public long DuplicatesDropped => Interlocked.Read(ref _duplicates);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Records the event unless one with the same key exists (then only the first counts, as in Klaviyo).</summary>
    public bool TryAdd(EmulatedEvent item)
    {
        var key = DedupeKey.For(item);
        lock (_gate)
        {
            if (!_keys.Add(key))
            {
                _duplicates++;
                return false;
            }

            _events.Add((++_sequence, item));
            return true;
        }
    }

    public void RemoveForProfiles(IReadOnlyCollection<string> profileIds)
    {
        if (profileIds.Count == 0)
        {
            return;
        }

        var set = profileIds.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            _events.RemoveAll(stored => set.Contains(stored.Event.ProfileId));
            _keys.RemoveWhere(key => set.Contains(key.ProfileId));
        }
    }

    public List<EmulatedEvent> Snapshot()
    {
        lock (_gate)
        {
            return _events.ConvertAll(stored => stored.Event);
        }
    }

    /// <summary>
    /// One page of events matching <paramref name="match"/>, ordered by time (whole seconds) with arrival order breaking
    /// ties, after a cursor position (time ticks, sequence).
    /// </summary>
    public (List<EmulatedEvent> Page, (long Key, long Sequence)? Next) Query(
        Func<EmulatedEvent, bool> match, bool descending, (long Key, long Sequence)? after, int size)
    {
        lock (_gate)
        {
            var keyed = _events.Where(stored => match(stored.Event)).Select(stored => (stored.Event, Key: stored.Event.Time.UtcTicks, stored.Sequence));
            if (after is { } position)
            {
                keyed = descending
                    ? keyed.Where(k => k.Key < position.Key || (k.Key == position.Key && k.Sequence < position.Sequence))
                    : keyed.Where(k => k.Key > position.Key || (k.Key == position.Key && k.Sequence > position.Sequence));
            }

            var ordered = (descending
                    ? keyed.OrderByDescending(k => k.Key).ThenByDescending(k => k.Sequence)
                    : keyed.OrderBy(k => k.Key).ThenBy(k => k.Sequence))
                .Take(size + 1)
                .ToList();
            (long, long)? next = ordered.Count > size ? (ordered[size - 1].Key, ordered[size - 1].Sequence) : null;
            return (ordered.Take(size).Select(k => k.Event).ToList(), next);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
            _keys.Clear();
            _duplicates = 0;
        }
    }

    private readonly record struct DedupeKey(string ProfileId, string Metric, string Key)
    {
        public static DedupeKey For(EmulatedEvent item) =>
            new(item.ProfileId, item.MetricName, item.UniqueId ?? "time:" + item.Time.ToUnixTimeSeconds());
    }
}
