namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>
/// Recorded events and the de-duplication keys (profile + metric + <c>unique_id</c>, or the time to the second when no
/// <c>unique_id</c> was sent). One lock guards both.
/// </summary>
internal sealed class EventStore
{
    private readonly object _gate = new();
    private readonly List<EmulatedEvent> _events = [];
    private readonly HashSet<DedupeKey> _keys = [];
    private long _duplicates;

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

            _events.Add(item);
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
            _events.RemoveAll(item => set.Contains(item.ProfileId));
            _keys.RemoveWhere(key => set.Contains(key.ProfileId));
        }
    }

    public List<EmulatedEvent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _events];
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
