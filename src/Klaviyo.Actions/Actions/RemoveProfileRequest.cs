namespace Klaviyo.Actions;

/// <summary>
/// Remove Profile (Segment action <c>removeProfile</c>): remove the profiles matching the identifiers
/// from a chosen list. As in Segment, this does not delete the profile; use
/// <see cref="IKlaviyoClient.RequestProfileDeletionAsync"/> for a data-privacy deletion.
/// </summary>
public sealed record RemoveProfileRequest : IProfileIdentity
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
    public override string ToString() => $"RemoveProfile {ListId} {Redaction.DescribeIdentity(this)}";
}
