namespace Klaviyo.Actions.Testing;

/// <summary>A profile's consent per channel and its email suppressions.</summary>
public sealed record EmulatedConsent
{
    /// <summary>Email marketing (<c>subscriptions.email.marketing</c>).</summary>
    public EmulatedChannelConsent EmailMarketing { get; init; } = EmulatedChannelConsent.Never;

    /// <summary>SMS marketing (<c>subscriptions.sms.marketing</c>).</summary>
    public EmulatedChannelConsent SmsMarketing { get; init; } = EmulatedChannelConsent.Never;

    /// <summary>SMS transactional (<c>subscriptions.sms.transactional</c>).</summary>
    public EmulatedChannelConsent SmsTransactional { get; init; } = EmulatedChannelConsent.Never;

    /// <summary>Email suppressions, oldest first. A suppressed profile cannot receive email marketing whatever its consent.</summary>
    public IReadOnlyList<EmulatedSuppression> Suppressions { get; init; } = [];

    /// <summary>Whether the profile can receive email marketing: subscribed and not suppressed.</summary>
    public bool CanReceiveEmailMarketing => EmailMarketing.Status == EmulatedConsentStatus.Subscribed && Suppressions.Count == 0;
}
