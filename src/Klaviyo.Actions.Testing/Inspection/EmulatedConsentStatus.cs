namespace Klaviyo.Actions.Testing;

/// <summary>Consent of one channel, as Klaviyo reports it (<c>NEVER_SUBSCRIBED</c>, <c>SUBSCRIBED</c>, <c>UNSUBSCRIBED</c>).</summary>
public enum EmulatedConsentStatus
{
    /// <summary>No consent was ever recorded.</summary>
    NeverSubscribed,

    /// <summary>Subscribed.</summary>
    Subscribed,

    /// <summary>Unsubscribed.</summary>
    Unsubscribed,
}
