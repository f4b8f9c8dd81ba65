namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>Lists, their members and the daily creation count. One lock guards them.</summary>
internal sealed class ListStore(IdGenerator ids)
{
    public const string SingleOptIn = "single_opt_in";
    public const string DoubleOptIn = "double_opt_in";

    private readonly object _gate = new();
    private readonly Dictionary<string, ListRecord> _lists = new(StringComparer.Ordinal);
    private long _sequence;
    private long _memberSequence;
    private long _creationDay = long.MinValue;
    private int _createdThatDay;

    /// <summary>
    /// Creates a list unless <paramref name="dailyCap"/> lists were already created this UTC day; then returns
    /// <see langword="null"/> and the time until the next day.
    /// </summary>
    public ListView? TryCreate(string name, string? optInProcess, DateTimeOffset now, int? dailyCap, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        lock (_gate)
        {
            if (dailyCap is { } cap)
            {
                long day = now.UtcTicks / TimeSpan.TicksPerDay;
                if (day != _creationDay)
                {
                    _creationDay = day;
                    _createdThatDay = 0;
                }

                if (_createdThatDay >= cap)
                {
                    retryAfter = TimeSpan.FromTicks(((day + 1) * TimeSpan.TicksPerDay) - now.UtcTicks);
                    return null;
                }

                _createdThatDay++;
            }

            string id;
            do
            {
                id = ids.Alphanumeric(6);
            }
            while (_lists.ContainsKey(id));

            var record = new ListRecord(id, ++_sequence, name, optInProcess ?? SingleOptIn, now);
            _lists.Add(id, record);
            return record.ToView();
        }
    }

    public ListView? Get(string id)
    {
        lock (_gate)
        {
            return _lists.TryGetValue(id, out var record) ? record.ToView() : null;
        }
    }

    public bool Exists(string id)
    {
        lock (_gate)
        {
            return _lists.ContainsKey(id);
        }
    }

    /// <summary>One page of lists matching a filter on <c>name</c> or <c>id</c>, in creation order.</summary>
    public (List<ListView> Page, long? NextCursor) Query(FieldFilter? filter, long afterSequence, int size)
    {
        lock (_gate)
        {
            var ordered = _lists.Values
                .Where(record => record.Sequence > afterSequence && Matches(record, filter))
                .OrderBy(record => record.Sequence)
                .Take(size + 1)
                .ToList();
            long? next = ordered.Count > size ? ordered[size - 1].Sequence : null;
            return (ordered.Take(size).Select(record => record.ToView()).ToList(), next);
        }
    }

    public bool AddMembers(string listId, IEnumerable<string> profileIds, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_lists.TryGetValue(listId, out var record))
            {
                return false;
            }

            bool changed = false;
            foreach (string profileId in profileIds)
            {
                changed |= record.Members.TryAdd(profileId, ++_memberSequence);
            }

            if (changed)
            {
                record.Updated = now;
            }

            return true;
        }
    }

    public bool RemoveMembers(string listId, IEnumerable<string> profileIds, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_lists.TryGetValue(listId, out var record))
            {
                return false;
            }

            bool changed = false;
            foreach (string profileId in profileIds)
            {
                changed |= record.Members.Remove(profileId);
            }

            if (changed)
            {
                record.Updated = now;
            }

            return true;
        }
    }

    public bool IsMember(string listId, string profileId)
    {
        lock (_gate)
        {
            return _lists.TryGetValue(listId, out var record) && record.Members.ContainsKey(profileId);
        }
    }

    public void RemoveProfiles(IReadOnlyCollection<string> profileIds)
    {
        lock (_gate)
        {
            foreach (var record in _lists.Values)
            {
                foreach (string profileId in profileIds)
                {
                    record.Members.Remove(profileId);
                }
            }
        }
    }

    public List<string> ListsOf(string profileId)
    {
        lock (_gate)
        {
            return _lists.Values
                .Where(record => record.Members.ContainsKey(profileId))
                .OrderBy(record => record.Sequence)
                .Select(record => record.Id)
                .ToList();
        }
    }

    public List<string>? MembersOf(string listId)
    {
        lock (_gate)
        {
            return _lists.TryGetValue(listId, out var record) ? [.. record.ToSnapshot().ProfileIds] : null;
        }
    }

    public List<EmulatedList> Snapshot()
    {
        lock (_gate)
        {
            return _lists.Values.OrderBy(record => record.Sequence).Select(record => record.ToSnapshot()).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _lists.Clear();
            _creationDay = long.MinValue;
            _createdThatDay = 0;
        }
    }

    private static bool Matches(ListRecord record, FieldFilter? filter) => filter is null || filter.Field switch
    {
        "name" => filter.Values.Contains(record.Name, StringComparer.Ordinal),
        "id" => filter.Values.Contains(record.Id, StringComparer.Ordinal),
        _ => false,
    };
}
