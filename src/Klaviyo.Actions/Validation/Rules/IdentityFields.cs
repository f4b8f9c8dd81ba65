namespace Klaviyo.Actions.Validation.Rules;

/// <summary>The keys under which a profile's identifier errors are reported.</summary>
/// <param name="Email">The email key.</param>
/// <param name="PhoneNumber">The phone key.</param>
/// <param name="CountryCode">The country code key.</param>
/// <param name="ExternalId">The external id key.</param>
internal sealed record IdentityFields(string Email, string PhoneNumber, string CountryCode, string ExternalId)
{
    /// <summary>The key of identifier-level rules (<c>identifier_required</c>, <c>one_identifier</c>).</summary>
    public const string Profile = "profile";

    /// <summary>Identifiers at the root of the request (profile, list and subscription actions).</summary>
    public static IdentityFields Root { get; } = new("email", "phone_number", "country_code", "external_id");

    /// <summary>Identifiers inside an event's <c>profile</c> (Track Event, Order Completed).</summary>
    public static IdentityFields EventProfile { get; } =
        new("profile.email", "profile.phone_number", "profile.country_code", "profile.external_id");
}
