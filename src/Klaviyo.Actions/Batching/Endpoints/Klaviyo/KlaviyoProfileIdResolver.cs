using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Resolves the identifiers of many list removals with the client's look-up (<see cref="ProfileIdLookup"/>:
/// <c>any(field,[…])</c> filters of up to 100 values, every result page) and gives each identity the profiles its
/// own identifiers matched. A profile is attributed by the identifier value Klaviyo returns for it (emails compared
/// case-insensitively); when a filter of several values returns a profile whose value cannot be matched, each value
/// of that filter is looked up on its own, so no identity is given a profile another identity matched.
/// </summary>
internal sealed class KlaviyoProfileIdResolver(KlaviyoTransport transport) : IProfileIdLookup
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyList<string>>> FindProfileIdsAsync(IReadOnlyList<IProfileIdentity> identities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var found = new ProfileIdsByIdentity(identities.Count);
        var lookup = new ProfileIdLookup(transport);
        foreach (var kind in ProfileIdentifierKinds.LookupOrder)
        {
            var owners = Owners(identities, kind);
            foreach (string[] chunk in owners.Keys.Chunk(ProfileIdLookup.DefaultValuesPerFilter))
            {
                await FindChunkAsync(lookup, kind, chunk, owners, found, cancellationToken).ConfigureAwait(false);
            }
        }

        return found.ToLists();
    }

    private static async Task FindChunkAsync(
        ProfileIdLookup lookup,
        ProfileIdentifierKind kind,
        string[] values,
        Dictionary<string, List<int>> owners,
        ProfileIdsByIdentity found,
        CancellationToken cancellationToken)
    {
        var result = await lookup.FindAsync(SetOf(kind, values), cancellationToken).ConfigureAwait(false);
        if (values.Length == 1)
        {
            found.AddAll(owners[values[0]], result.ProfileIds);
            return;
        }

        var asked = new HashSet<string>(values, owners.Comparer);
        bool unmatched = false;
        foreach (var match in result.Matches)
        {
            if (match.Value is { } value && asked.Contains(value) && owners.TryGetValue(value, out var indices))
            {
                found.Add(indices, match.ProfileId);
            }
            else
            {
                unmatched = true;
            }
        }

        if (!unmatched)
        {
            return;
        }

        // Klaviyo returned a profile without (or with a differently written) identifier: ask value by value.
        foreach (string value in values)
        {
            var single = await lookup.FindAsync(SetOf(kind, [value]), cancellationToken).ConfigureAwait(false);
            found.AddAll(owners[value], single.ProfileIds);
        }
    }

    /// <summary>Each distinct value of one identifier kind and the identities carrying it, in first-seen order.</summary>
    private static Dictionary<string, List<int>> Owners(IReadOnlyList<IProfileIdentity> identities, ProfileIdentifierKind kind)
    {
        var owners = new Dictionary<string, List<int>>(kind == ProfileIdentifierKind.Email ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        for (int i = 0; i < identities.Count; i++)
        {
            string? value = kind switch
            {
                ProfileIdentifierKind.ExternalId => identities[i].ExternalId,
                ProfileIdentifierKind.Email => identities[i].Email,
                _ => identities[i].PhoneNumber,
            };
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!owners.TryGetValue(value, out var list))
            {
                owners[value] = list = [];
            }

            list.Add(i);
        }

        return owners;
    }

    private static ProfileIdentifierSet SetOf(ProfileIdentifierKind kind, IEnumerable<string> values)
    {
        var set = new ProfileIdentifierSet();
        foreach (string value in values)
        {
            set.Add(kind, value);
        }

        return set;
    }

    /// <summary>Profile ids per identity, de-duplicated, in first-found order.</summary>
    private sealed class ProfileIdsByIdentity(int count)
    {
        private readonly List<string>?[] _ids = new List<string>?[count];

        public void Add(List<int> identities, string profileId)
        {
            foreach (int index in identities)
            {
                var ids = _ids[index] ??= [];
                if (!ids.Contains(profileId, StringComparer.Ordinal))
                {
                    ids.Add(profileId);
                }
            }
        }

        public void AddAll(List<int> identities, IReadOnlyList<string> profileIds)
        {
            foreach (string id in profileIds)
            {
                Add(identities, id);
            }
        }

        public IReadOnlyList<string>[] ToLists()
        {
            var lists = new IReadOnlyList<string>[_ids.Length];
            for (int i = 0; i < lists.Length; i++)
            {
                lists[i] = _ids[i] ?? (IReadOnlyList<string>)[];
            }

            return lists;
        }
    }
}
