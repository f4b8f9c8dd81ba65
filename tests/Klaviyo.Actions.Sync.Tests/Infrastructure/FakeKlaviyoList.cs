namespace Klaviyo.Actions.Sync.Tests.Infrastructure;

/// <summary>One call the engine made to the target.</summary>
public sealed record TargetCall(string Operation, string ListId, IReadOnlyList<string> UserIds);

/// <summary>
/// An in-memory Klaviyo account behind <see cref="IKlaviyoListSyncTarget"/>: profiles resolved the way Klaviyo
/// resolves identifiers (email, then phone, then external id), lists holding profile ids, every call recorded, and
/// hooks to fail or block calls.
/// </summary>
public sealed class FakeKlaviyoList : IKlaviyoListSyncTarget
{
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byExternalId = new(StringComparer.Ordinal);
    private readonly List<TargetCall> _calls = [];
    private int _nextProfile;

    public FakeKlaviyoList(params string[] existingLists)
    {
        foreach (string list in existingLists)
        {
            _lists[list] = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Runs before every call (after it is recorded); may throw or wait.</summary>
    public Func<TargetCall, Task>? BeforeCall { get; set; }

    /// <summary>User ids answered <see cref="ListSyncMemberOutcomeKind.Rejected"/> on add (e.g. an invalid email).</summary>
    public HashSet<string> RejectOnAdd { get; } = new(StringComparer.Ordinal);

    /// <summary>User ids answered <see cref="ListSyncMemberOutcomeKind.Failed"/> (transient) on add or remove.</summary>
    public HashSet<string> FailTransiently { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether add outcomes carry profile ids (a batch API that resolved them) or not.</summary>
    public bool ReportProfileIds { get; set; } = true;

    public IReadOnlyList<TargetCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IEnumerable<TargetCall> CallsOf(string operation) => Calls.Where(c => c.Operation == operation);

    /// <summary>How many times a user id was sent in add calls.</summary>
    public int TimesAdded(string userId) => CallsOf("add").Sum(c => c.UserIds.Count(u => u == userId));

    public void ClearCalls()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    public void DeleteList(string listId)
    {
        lock (_gate)
        {
            _lists.Remove(listId);
        }
    }

    /// <summary>The list's members as "email" or "ext:{external id}" or "phone:{phone}" (the profile's best identifier).</summary>
    public IReadOnlySet<string> Identities(string listId)
    {
        lock (_gate)
        {
            return _lists.TryGetValue(listId, out var members)
                ? members.Select(id => _profiles[id].Identity).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>The profile holding an identifier, if any.</summary>
    public FakeProfile? FindProfile(string? email = null, string? externalId = null)
    {
        lock (_gate)
        {
            return Lookup(_byEmail, email) ?? Lookup(_byExternalId, externalId);
        }
    }

    public int ProfileCount
    {
        get
        {
            lock (_gate)
            {
                return _profiles.Count;
            }
        }
    }

    /// <summary>The identity the fake reports for a resolved member: its email, else external id, else phone.</summary>
    public static string IdentityOf(SegmentMember member)
    {
        var resolved = member.Resolve();
        return resolved.Email ?? (resolved.ExternalId is { } ext ? "ext:" + ext : "phone:" + resolved.PhoneNumber);
    }

    public async Task ValidateAsync(string listId, CancellationToken cancellationToken)
    {
        await RecordAsync(new TargetCall("validate", listId, []));
        lock (_gate)
        {
            if (!_lists.ContainsKey(listId))
            {
                throw KlaviyoErrors.ListNotFound();
            }
        }
    }

    public async Task<IReadOnlyList<ListSyncMemberOutcome>> AddOrUpdateMembersAsync(string listId, IReadOnlyList<SegmentMember> members, CancellationToken cancellationToken)
    {
        await RecordAsync(new TargetCall("add", listId, members.Select(m => m.UserId).ToList()));
        lock (_gate)
        {
            if (!_lists.TryGetValue(listId, out var list))
            {
                throw KlaviyoErrors.ListNotFound();
            }

            var outcomes = new List<ListSyncMemberOutcome>(members.Count);
            foreach (var member in members)
            {
                if (member.Resolve() != member)
                {
                    throw new InvalidOperationException("The engine must send resolved members.");
                }

                if (RejectOnAdd.Contains(member.UserId))
                {
                    outcomes.Add(ListSyncMemberOutcome.Rejected(member.UserId, "invalid"));
                    continue;
                }

                if (FailTransiently.Contains(member.UserId))
                {
                    outcomes.Add(ListSyncMemberOutcome.Failed(member.UserId, "throttled"));
                    continue;
                }

                var profile = Upsert(member);
                list.Add(profile.Id);
                outcomes.Add(ListSyncMemberOutcome.Accepted(member.UserId, ReportProfileIds ? profile.Id : null));
            }

            return outcomes;
        }
    }

    public async Task<IReadOnlyList<ListSyncMemberOutcome>> RemoveMembersAsync(string listId, IReadOnlyList<ListSyncRemoval> members, CancellationToken cancellationToken)
    {
        await RecordAsync(new TargetCall("remove", listId, members.Select(m => m.Member.UserId).ToList()));
        lock (_gate)
        {
            if (!_lists.TryGetValue(listId, out var list))
            {
                throw KlaviyoErrors.ListNotFound();
            }

            var outcomes = new List<ListSyncMemberOutcome>(members.Count);
            foreach (var removal in members)
            {
                if (FailTransiently.Contains(removal.Member.UserId))
                {
                    outcomes.Add(ListSyncMemberOutcome.Failed(removal.Member.UserId, "throttled"));
                    continue;
                }

                var profile = removal.ProfileId is { } id && _profiles.TryGetValue(id, out var known) ? known : Resolve(removal.Member);
                if (profile is not null)
                {
                    list.Remove(profile.Id);
                }

                outcomes.Add(ListSyncMemberOutcome.Accepted(removal.Member.UserId));
            }

            return outcomes;
        }
    }

    private async Task RecordAsync(TargetCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }

        if (BeforeCall is { } hook)
        {
            await hook(call);
        }
    }

    private FakeProfile? Resolve(SegmentMember member) =>
        Lookup(_byEmail, member.Email) ?? Lookup(_byPhone, member.PhoneNumber) ?? Lookup(_byExternalId, member.ExternalId);

    private FakeProfile? Lookup(Dictionary<string, string> index, string? key) =>
        key is not null && index.TryGetValue(key, out var id) ? _profiles[id] : null;

    private FakeProfile Upsert(SegmentMember member)
    {
        var profile = Resolve(member);
        if (profile is null)
        {
            profile = new FakeProfile("P" + (++_nextProfile).ToString("D7"));
            _profiles[profile.Id] = profile;
        }

        // Like Klaviyo: an identifier already held by another profile is not moved.
        profile.Email = Claim(_byEmail, profile, profile.Email, member.Email);
        profile.PhoneNumber = Claim(_byPhone, profile, profile.PhoneNumber, member.PhoneNumber);
        profile.ExternalId = Claim(_byExternalId, profile, profile.ExternalId, member.ExternalId);
        return profile;
    }

    private static string? Claim(Dictionary<string, string> index, FakeProfile profile, string? current, string? wanted)
    {
        if (wanted is null || wanted == current)
        {
            return current;
        }

        if (index.TryGetValue(wanted, out var holder) && holder != profile.Id)
        {
            return current;
        }

        if (current is not null)
        {
            index.Remove(current);
        }

        index[wanted] = profile.Id;
        return wanted;
    }
}

/// <summary>A profile in the fake account.</summary>
public sealed class FakeProfile(string id)
{
    public string Id { get; } = id;

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public string? ExternalId { get; set; }

    public string Identity => Email ?? (ExternalId is { } ext ? "ext:" + ext : "phone:" + PhoneNumber);
}
