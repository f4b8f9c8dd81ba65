namespace Klaviyo.Actions.Validation.Rules;

/// <summary>
/// A profile's identifiers after their individual checks: blank values are <see langword="null"/> and the
/// phone is in E.164 form (<see langword="null"/> when it was blank or could not be converted).
/// </summary>
/// <param name="Email">The email; <see langword="null"/> when blank.</param>
/// <param name="PhoneNumber">The E.164 phone; <see langword="null"/> when blank or not convertible.</param>
/// <param name="ExternalId">The external id; <see langword="null"/> when blank.</param>
/// <param name="PhoneGiven">Whether a non-blank phone was given (convertible or not).</param>
internal readonly record struct CheckedIdentity(string? Email, string? PhoneNumber, string? ExternalId, bool PhoneGiven)
{
    /// <summary>Whether an email, a converted phone or an external id is present.</summary>
    public bool HasAny => Email is not null || PhoneNumber is not null || ExternalId is not null;

    /// <summary>Whether the checked values are exactly the given ones and no country code is left to drop.</summary>
    public bool IsSameAs(string? email, string? phoneNumber, string? countryCode, string? externalId) =>
        countryCode is null &&
        ReferenceEquals(Email, email) &&
        ReferenceEquals(PhoneNumber, phoneNumber) &&
        ReferenceEquals(ExternalId, externalId);
}
