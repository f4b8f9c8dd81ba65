namespace Klaviyo.Actions.Batching;

/// <summary>
/// Keeps the state-setting actions of one person (upsert, subscribe, unsubscribe, list add and removal) in arrival
/// order: an entry that shares a person key (email, phone or external id) with an earlier entry
/// still without an outcome waits until that one has its outcome, so the two never travel in the same request or
/// in requests that race. Events (Track Event, Order Completed) carry no keys and pass at once. Owned by the
/// queue's flush loop (not thread-safe).
/// </summary>
internal sealed class PersonOrder
{
    private readonly Dictionary<string, QueueEntry> _tails = new(StringComparer.Ordinal);
    private readonly HashSet<QueueEntry> _waiting = [];

    /// <summary>Entries waiting for an earlier entry of their person.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Takes an entry in; true when it may be sent now, false when it waits (it is released later).</summary>
    public bool Admit(QueueEntry entry)
    {
        if (entry.PersonKeys is not { Length: > 0 } keys)
        {
            return true;
        }

        entry.Admitted = true;
        foreach (string key in keys)
        {
            if (_tails.TryGetValue(key, out var tail) && !ReferenceEquals(tail, entry))
            {
                if (tail.Followers is null || !tail.Followers.Contains(entry))
                {
                    (tail.Followers ??= []).Add(entry);
                    entry.Blockers++;
                }
            }

            _tails[key] = entry;
        }

        if (entry.Blockers == 0)
        {
            return true;
        }

        _waiting.Add(entry);
        return false;
    }

    /// <summary>An admitted entry has its outcome: its followers whose last blocker it was are added to <paramref name="ready"/>.</summary>
    public void Release(QueueEntry entry, List<QueueEntry> ready)
    {
        foreach (string key in entry.PersonKeys!)
        {
            if (_tails.TryGetValue(key, out var tail) && ReferenceEquals(tail, entry))
            {
                _tails.Remove(key);
            }
        }

        if (entry.Followers is not { } followers)
        {
            return;
        }

        entry.Followers = null;
        foreach (var follower in followers)
        {
            if (--follower.Blockers == 0 && _waiting.Remove(follower))
            {
                ready.Add(follower);
            }
        }
    }

    /// <summary>Takes every waiting entry (the queue is stopping).</summary>
    public List<QueueEntry> TakeWaiting()
    {
        var taken = new List<QueueEntry>(_waiting);
        _waiting.Clear();
        _tails.Clear();
        return taken;
    }
}
