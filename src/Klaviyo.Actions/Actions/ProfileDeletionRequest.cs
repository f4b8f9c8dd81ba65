namespace Klaviyo.Actions;

/// <summary>
/// A data-privacy (GDPR/CCPA) deletion of every profile matching exactly one identifier.
/// Set exactly one of <see cref="ProfileId"/>, <see cref="Email"/> or <see cref="PhoneNumber"/>.
/// </summary>
public sealed record ProfileDeletionRequest
{
    /// <summary>The Klaviyo profile id.</summary>
    public string? ProfileId { get; init; }

    /// <summary>The email address.</summary>
    public string? Email { get; init; }

    /// <summary>The phone number (E.164, or national with <see cref="CountryCode"/>).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country used to read a national <see cref="PhoneNumber"/>.</summary>
    public string? CountryCode { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        ProfileId is not null ? $"ProfileDeletion id={ProfileId}"
        : Email is not null ? $"ProfileDeletion email={Redaction.MaskEmail(Email)}"
        : $"ProfileDeletion phone={Redaction.MaskPhone(PhoneNumber)}";
}
