namespace Klaviyo.Actions.Testing;

/// <summary>An email suppression of a profile (Klaviyo reasons such as <c>UNSUBSCRIBE</c> or <c>USER_SUPPRESSED</c>).</summary>
/// <param name="ProfileId">The profile.</param>
/// <param name="Email">The profile's email when the suppression was recorded.</param>
/// <param name="Reason">Klaviyo's reason code, for example <c>UNSUBSCRIBE</c>.</param>
/// <param name="Timestamp">When it was recorded.</param>
public sealed record EmulatedSuppression(string ProfileId, string? Email, string Reason, DateTimeOffset Timestamp);
