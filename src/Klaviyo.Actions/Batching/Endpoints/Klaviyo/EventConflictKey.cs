namespace Klaviyo.Actions.Batching;

/// <summary>
/// What two events of one bulk create request must not share: the profile's identifiers (email
/// case-insensitively, as lower-case invariant), the metric and the <c>unique_id</c> (Klaviyo refuses a bulk request
/// in which a <c>unique_id</c> repeats for one profile and metric). Holds references to the event's own strings.
/// </summary>
internal sealed class EventConflictKey : IEquatable<EventConflictKey>
{
    private readonly string? _email;
    private readonly string? _phoneNumber;
    private readonly string? _externalId;
    private readonly string? _anonymousId;
    private readonly string _metricName;
    private readonly string _uniqueId;
    private readonly int _hash;

    /// <summary>The key of one event.</summary>
    /// <param name="profile">The event's profile (identifiers normalized).</param>
    /// <param name="metricName">The metric.</param>
    /// <param name="uniqueId">The <c>unique_id</c> sent.</param>
    public EventConflictKey(EventProfile profile, string metricName, string uniqueId)
    {
        _email = NullIfEmpty(profile.Email)?.ToLowerInvariant();
        _phoneNumber = NullIfEmpty(profile.PhoneNumber);
        _externalId = NullIfEmpty(profile.ExternalId);
        _anonymousId = NullIfEmpty(profile.AnonymousId);
        _metricName = metricName;
        _uniqueId = uniqueId;
        _hash = HashCode.Combine(Hash(_email), Hash(_phoneNumber), Hash(_externalId), Hash(_anonymousId), Hash(_metricName), Hash(_uniqueId));
    }

    /// <inheritdoc />
    public bool Equals(EventConflictKey? other) =>
        other is not null &&
        _hash == other._hash &&
        string.Equals(_uniqueId, other._uniqueId, StringComparison.Ordinal) &&
        string.Equals(_metricName, other._metricName, StringComparison.Ordinal) &&
        string.Equals(_email, other._email, StringComparison.Ordinal) &&
        string.Equals(_phoneNumber, other._phoneNumber, StringComparison.Ordinal) &&
        string.Equals(_externalId, other._externalId, StringComparison.Ordinal) &&
        string.Equals(_anonymousId, other._anonymousId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EventConflictKey);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Names no identifier (they are personal data).</summary>
    public override string ToString() => nameof(EventConflictKey);

    // An empty identifier is not sent, so it is the same profile as a missing one.
    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static int Hash(string? text) => text is null ? 0 : StringComparer.Ordinal.GetHashCode(text);
}
