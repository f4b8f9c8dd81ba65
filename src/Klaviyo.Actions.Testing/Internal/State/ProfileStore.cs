using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>
/// Profiles with identity resolution by email (case-insensitive), phone number, external id and anonymous id. One lock
/// guards the profiles and their indexes; every method is thread-safe and returns snapshots, never live records.
/// </summary>
internal sealed class ProfileStore(IdGenerator ids)
{
    private static readonly IdentifierKind[] WriteKinds = [IdentifierKind.Email, IdentifierKind.PhoneNumber, IdentifierKind.ExternalId];
    private static readonly IdentifierKind[] ActivityKinds =
        [IdentifierKind.Email, IdentifierKind.PhoneNumber, IdentifierKind.ExternalId, IdentifierKind.AnonymousId];

    private readonly object _gate = new();
    private readonly Dictionary<string, ProfileRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProfileRecord> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ProfileRecord> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProfileRecord> _byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProfileRecord> _byAnonymousId = new(StringComparer.Ordinal);
    private long _sequence;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary><c>POST /api/profiles</c>: creates, or reports the profile that already holds one of the identifiers.</summary>
    public ProfileWriteOutcome Create(ProfileWrite write, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (FirstOwner(write, WriteKinds, except: null) is { } existing)
            {
                return ProfileWriteOutcome.Duplicate(existing.Id);
            }

            var record = NewRecord(now);
            Apply(record, write, now, onlyFreeIdentifiers: false);
            return ProfileWriteOutcome.Created(record.ToSnapshot());
        }
    }

    /// <summary><c>PATCH /api/profiles/{id}</c>.</summary>
    public ProfileWriteOutcome Update(string id, ProfileWrite write, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var record))
            {
                return ProfileWriteOutcome.NotFound;
            }

            if (FirstOwner(write, WriteKinds, except: record) is { } other)
            {
                return ProfileWriteOutcome.Duplicate(other.Id);
            }

            Apply(record, write, now, onlyFreeIdentifiers: false);
            return ProfileWriteOutcome.Updated(record.ToSnapshot());
        }
    }

    /// <summary>
    /// <c>POST /api/profile-import</c> and bulk import rows: updates the profile with <paramref name="id"/>, or the one
    /// the first identifier (email, phone, external id) resolves to, or creates one. When the identifiers belong to two
    /// different profiles, reports the one holding the conflicting identifier.
    /// </summary>
    public ProfileWriteOutcome Upsert(string? id, ProfileWrite write, DateTimeOffset now)
    {
        lock (_gate)
        {
            ProfileRecord? target;
            if (id is not null)
            {
                if (!_byId.TryGetValue(id, out target))
                {
                    return ProfileWriteOutcome.NotFound;
                }
            }
            else
            {
                target = FirstOwner(write, WriteKinds, except: null);
            }

            if (target is null)
            {
                var created = NewRecord(now);
                Apply(created, write, now, onlyFreeIdentifiers: false);
                return ProfileWriteOutcome.Created(created.ToSnapshot());
            }

            if (FirstOwner(write, WriteKinds, except: target) is { } other)
            {
                return ProfileWriteOutcome.Duplicate(other.Id);
            }

            Apply(target, write, now, onlyFreeIdentifiers: false);
            return ProfileWriteOutcome.Updated(target.ToSnapshot());
        }
    }

    /// <summary>
    /// Finds the profile an event or a subscription belongs to (by id, else the first identifier that matches), or creates
    /// one; adds identifiers nobody else holds and applies the other attributes. Returns <see langword="null"/> when an
    /// id was given that does not exist.
    /// </summary>
    public string? ResolveForActivity(string? id, ProfileWrite write, DateTimeOffset now)
    {
        lock (_gate)
        {
            var target = FindActivityTarget(id, write, out bool unknownId);
            if (unknownId)
            {
                return null;
            }

            target ??= NewRecord(now);
            Apply(target, write, now, onlyFreeIdentifiers: true);
            return target.Id;
        }
    }

    /// <summary>Runs <paramref name="read"/> on the profile an activity would resolve to, without creating or changing it.</summary>
    public T PeekActivityTarget<T>(string? id, ProfileWrite write, Func<ProfileRecord?, T> read)
    {
        lock (_gate)
        {
            return read(FindActivityTarget(id, write, out _));
        }
    }

    /// <summary>Runs <paramref name="change"/> on a profile under the store's lock.</summary>
    public bool Change(string id, Action<ProfileRecord> change)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var record))
            {
                return false;
            }

            change(record);
            return true;
        }
    }

    public void RecordEventTime(string id, DateTimeOffset time)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out var record) && (record.LastEventDate is null || record.LastEventDate < time))
            {
                record.LastEventDate = time;
            }
        }
    }

    public bool Exists(string id)
    {
        lock (_gate)
        {
            return _byId.ContainsKey(id);
        }
    }

    /// <summary>Returns the index of the first id in <paramref name="ids"/> that does not exist, or -1.</summary>
    public int FirstMissing(IReadOnlyList<string> ids)
    {
        lock (_gate)
        {
            for (int i = 0; i < ids.Count; i++)
            {
                if (!_byId.ContainsKey(ids[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    public EmulatedProfile? Get(string id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var record) ? record.ToSnapshot() : null;
        }
    }

    public EmulatedProfile? Find(IdentifierKind kind, string value)
    {
        lock (_gate)
        {
            return Index(kind).TryGetValue(value, out var record) ? record.ToSnapshot() : null;
        }
    }

    /// <summary>
    /// One page of profiles matching <paramref name="filter"/> and the datetime <paramref name="conditions"/> (on
    /// <c>updated</c> or <c>created</c>, compared at whole seconds as Klaviyo shows them), ordered by
    /// <paramref name="sort"/> with the creation sequence breaking ties, after a cursor position (key, sequence).
    /// </summary>
    public (List<EmulatedProfile> Page, (long Key, long Sequence)? Next) QuerySorted(
        FieldFilter? filter, IReadOnlyList<Endpoints.FilterCondition> conditions, ProfileSort sort, (long Key, long Sequence)? after, int size)
    {
        lock (_gate)
        {
            IEnumerable<ProfileRecord> candidates = filter is null
                ? _byId.Values
                : filter.Values.Select(value => Lookup(filter.Field, value)).OfType<ProfileRecord>().Distinct();
            var keyed = candidates
                .Where(record => conditions.All(c => c.Accepts(Validation.Timestamps.TruncateToSecond(c.Field == "created" ? record.Created : record.Updated))))
                .Select(record => (Record: record, Key: sort.Key(record)));
            if (after is { } position)
            {
                keyed = sort.Descending
                    ? keyed.Where(k => k.Key < position.Key || (k.Key == position.Key && k.Record.Sequence < position.Sequence))
                    : keyed.Where(k => k.Key > position.Key || (k.Key == position.Key && k.Record.Sequence > position.Sequence));
            }

            var ordered = (sort.Descending
                    ? keyed.OrderByDescending(k => k.Key).ThenByDescending(k => k.Record.Sequence)
                    : keyed.OrderBy(k => k.Key).ThenBy(k => k.Record.Sequence))
                .Take(size + 1)
                .ToList();
            (long, long)? next = ordered.Count > size ? (ordered[size - 1].Key, ordered[size - 1].Record.Sequence) : null;
            return (ordered.Take(size).Select(k => k.Record.ToSnapshot()).ToList(), next);
        }
    }

    /// <summary>Deletes the profile holding an identifier (<c>id</c>, <c>email</c> or <c>phone_number</c>).</summary>
    public List<string> Delete(string identifierType, string value)
    {
        lock (_gate)
        {
            var record = Lookup(identifierType, value);
            if (record is null)
            {
                return [];
            }

            _byId.Remove(record.Id);
            foreach (var kind in ActivityKinds)
            {
                if (Get(record, kind) is { } identifier)
                {
                    Index(kind).Remove(identifier);
                }
            }

            return [record.Id];
        }
    }

    public List<EmulatedProfile> Snapshot()
    {
        lock (_gate)
        {
            return _byId.Values.OrderBy(record => record.Sequence).Select(record => record.ToSnapshot()).ToList();
        }
    }

    public List<EmulatedSuppression> Suppressions()
    {
        lock (_gate)
        {
            return _byId.Values
                .OrderBy(record => record.Sequence)
                .SelectMany(record => record.Suppressions)
                .ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _byEmail.Clear();
            _byPhone.Clear();
            _byExternalId.Clear();
            _byAnonymousId.Clear();
        }
    }

    private ProfileRecord? FindActivityTarget(string? id, ProfileWrite write, out bool unknownId)
    {
        unknownId = false;
        if (id is null)
        {
            return FirstOwner(write, ActivityKinds, except: null);
        }

        if (_byId.TryGetValue(id, out var byId))
        {
            return byId;
        }

        unknownId = true;
        return null;
    }

    private ProfileRecord NewRecord(DateTimeOffset now)
    {
        var record = new ProfileRecord(ids.Ulid(now), ++_sequence, now);
        _byId.Add(record.Id, record);
        return record;
    }

    private ProfileRecord? FirstOwner(ProfileWrite write, IdentifierKind[] kinds, ProfileRecord? except)
    {
        foreach (var kind in kinds)
        {
            if (Patch(write, kind).Value is { } value &&
                Index(kind).TryGetValue(value, out var owner) &&
                !ReferenceEquals(owner, except))
            {
                return owner;
            }
        }

        return null;
    }

    private ProfileRecord? Lookup(string field, string value)
    {
        var index = field switch
        {
            "id" => _byId,
            "email" => _byEmail,
            "phone_number" => _byPhone,
            "external_id" => _byExternalId,
            _ => null,
        };
        return index is not null && index.TryGetValue(value, out var record) ? record : null;
    }

    private void Apply(ProfileRecord record, ProfileWrite write, DateTimeOffset now, bool onlyFreeIdentifiers)
    {
        bool changed = false;
        foreach (var kind in ActivityKinds)
        {
            changed |= SetIdentifier(record, kind, Patch(write, kind), onlyFreeIdentifiers);
        }

        if (write.Kx.HasValue)
        {
            record.Kx = write.Kx.Value;
        }

        foreach (var (name, value) in write.Attributes)
        {
            SetOrRemove(record.Attributes, name, value);
            changed = true;
        }

        if (write.Location is { } location)
        {
            Merge(record.Location, location);
            changed = true;
        }

        if (write.Properties is { } properties)
        {
            Merge(record.Properties, properties);
            changed = true;
        }

        if (write.PatchProperties is { } patch)
        {
            PropertyPatcher.Apply(record.Properties, patch);
            changed = true;
        }

        if (changed)
        {
            record.Updated = now;
        }
    }

    private bool SetIdentifier(ProfileRecord record, IdentifierKind kind, FieldPatch patch, bool onlyFree)
    {
        if (!patch.IsPresent)
        {
            return false;
        }

        var index = Index(kind);
        string? current = Get(record, kind);
        if (patch.Value is not { } value)
        {
            if (onlyFree || current is null)
            {
                return false;
            }

            index.Remove(current);
            Set(record, kind, null);
            return true;
        }

        if (current is not null && index.Comparer.Equals(current, value))
        {
            return false;
        }

        if (index.TryGetValue(value, out var owner) && !ReferenceEquals(owner, record))
        {
            // Held by another profile: an activity leaves it there; writes checked for conflicts before applying.
            return false;
        }

        if (current is not null)
        {
            index.Remove(current);
        }

        Set(record, kind, value);
        index[value] = record;
        return true;
    }

    private static void Merge(Dictionary<string, JsonElement> target, JsonElement patch)
    {
        if (patch.ValueKind == JsonValueKind.Null)
        {
            target.Clear();
            return;
        }

        foreach (var property in patch.EnumerateObject())
        {
            SetOrRemove(target, property.Name, property.Value);
        }
    }

    private static void SetOrRemove(Dictionary<string, JsonElement> target, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            target.Remove(name);
        }
        else
        {
            target[name] = value;
        }
    }

    private Dictionary<string, ProfileRecord> Index(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Email => _byEmail,
        IdentifierKind.PhoneNumber => _byPhone,
        IdentifierKind.ExternalId => _byExternalId,
        _ => _byAnonymousId,
    };

    private static FieldPatch Patch(ProfileWrite write, IdentifierKind kind) => kind switch
    {
        IdentifierKind.Email => write.Email,
        IdentifierKind.PhoneNumber => write.PhoneNumber,
        IdentifierKind.ExternalId => write.ExternalId,
        _ => write.AnonymousId,
    };

    private static string? Get(ProfileRecord record, IdentifierKind kind) => kind switch
    {
        IdentifierKind.Email => record.Email,
        IdentifierKind.PhoneNumber => record.PhoneNumber,
        IdentifierKind.ExternalId => record.ExternalId,
        _ => record.AnonymousId,
    };

    private static void Set(ProfileRecord record, IdentifierKind kind, string? value)
    {
        switch (kind)
        {
            case IdentifierKind.Email:
                record.Email = value;
                break;
            case IdentifierKind.PhoneNumber:
                record.PhoneNumber = value;
                break;
            case IdentifierKind.ExternalId:
                record.ExternalId = value;
                break;
            default:
                record.AnonymousId = value;
                break;
        }
    }
}
