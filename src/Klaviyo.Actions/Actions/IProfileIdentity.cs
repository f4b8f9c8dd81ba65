namespace Klaviyo.Actions;

/// <summary>
/// The identifiers Klaviyo resolves a profile by. Shared by every action request that names a profile.
/// </summary>
public interface IProfileIdentity
{
    /// <summary>The email address (at most 100 characters).</summary>
    string? Email { get; }

    /// <summary>
    /// The phone number: E.164 (<c>+14155552671</c>), or a national number together with
    /// <see cref="CountryCode"/>, which is then converted to E.164 before sending.
    /// </summary>
    string? PhoneNumber { get; }

    /// <summary>ISO 3166-1 alpha-2 country used to read a national <see cref="PhoneNumber"/>. Never sent.</summary>
    string? CountryCode { get; }

    /// <summary>The identifier of the profile in your system (at most 255 characters).</summary>
    string? ExternalId { get; }
}
