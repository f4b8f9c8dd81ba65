namespace Klaviyo.Actions.Operations;

/// <summary>The profiles found by <see cref="ProfileIdLookup"/>.</summary>
/// <param name="ProfileIds">Every matching profile id, de-duplicated, in first-seen order (external ids, then emails, then phones).</param>
/// <param name="Matches">
/// Which identifier found which profile, with the value Klaviyo returned for that identifier (when the response
/// carried it), so a batch can tell which of its items matched.
/// </param>
internal sealed record ProfileLookupResult(IReadOnlyList<string> ProfileIds, IReadOnlyList<ProfileMatch> Matches)
{
    /// <summary>No profile found.</summary>
    public static ProfileLookupResult Empty { get; } = new([], []);
}

/// <summary>One profile found by one identifier kind.</summary>
/// <param name="ProfileId">The Klaviyo profile id.</param>
/// <param name="Kind">The identifier kind whose filter matched.</param>
/// <param name="Value">The profile's value of that identifier as Klaviyo returned it, if present.</param>
internal sealed record ProfileMatch(string ProfileId, ProfileIdentifierKind Kind, string? Value);
