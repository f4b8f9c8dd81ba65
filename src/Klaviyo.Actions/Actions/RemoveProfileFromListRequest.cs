namespace Klaviyo.Actions;

/// <summary>
/// Remove Profile from List: remove the profiles matching the identifiers from a list
/// (Segment action <c>removeProfileFromList</c>, "Remove Profile from List (Engage)"). Profiles are
/// not deleted. One of email, phone or external id is required.
/// </summary>
public sealed record RemoveProfileFromListRequest : IProfileIdentity
{
    /// <summary>The list (6-character id) to remove the profile from.</summary>
    public required string ListId { get; init; }

    /// <inheritdoc />
    public string? Email { get; init; }

    /// <inheritdoc />
    public string? PhoneNumber { get; init; }

    /// <inheritdoc />
    public string? CountryCode { get; init; }

    /// <inheritdoc />
    public string? ExternalId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RemoveProfileFromList {ListId} {Redaction.DescribeIdentity(this)}";
}
