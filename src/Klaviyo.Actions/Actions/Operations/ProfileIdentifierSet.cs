namespace Klaviyo.Actions.Operations;

/// <summary>
/// Identifier values to look profiles up by, many per kind (a batch of removals shares one look-up).
/// Empty values are ignored and duplicates collapse, keeping first-seen order.
/// </summary>
internal sealed class ProfileIdentifierSet
{
    private readonly Dictionary<ProfileIdentifierKind, List<string>> _values = [];
    private readonly HashSet<(ProfileIdentifierKind, string)> _seen = [];

    /// <summary>Whether no value was added.</summary>
    public bool IsEmpty => _seen.Count == 0;

    /// <summary>Builds the set of one profile's identifiers.</summary>
    public static ProfileIdentifierSet Of(IProfileIdentity identity)
    {
        var set = new ProfileIdentifierSet();
        set.Add(identity);
        return set;
    }

    /// <summary>Adds a profile's external id, email and phone number (those that are set).</summary>
    public void Add(IProfileIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Add(ProfileIdentifierKind.ExternalId, identity.ExternalId);
        Add(ProfileIdentifierKind.Email, identity.Email);
        Add(ProfileIdentifierKind.PhoneNumber, identity.PhoneNumber);
    }

    /// <summary>Adds one value; <see langword="null"/>, empty and repeated values are ignored.</summary>
    public void Add(ProfileIdentifierKind kind, string? value)
    {
        if (string.IsNullOrEmpty(value) || !_seen.Add((kind, value)))
        {
            return;
        }

        if (!_values.TryGetValue(kind, out var list))
        {
            _values[kind] = list = [];
        }

        list.Add(value);
    }

    /// <summary>The values of one kind, in first-seen order.</summary>
    public IReadOnlyList<string> Values(ProfileIdentifierKind kind) =>
        _values.TryGetValue(kind, out var list) ? list : [];
}
