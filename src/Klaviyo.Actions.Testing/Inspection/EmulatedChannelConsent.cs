namespace Klaviyo.Actions.Testing;

/// <summary>The consent record of one channel of a profile (for example email marketing).</summary>
public sealed record EmulatedChannelConsent
{
    /// <summary>A channel nobody subscribed or unsubscribed yet.</summary>
    public static EmulatedChannelConsent Never { get; } = new();

    /// <summary>The consent status.</summary>
    public EmulatedConsentStatus Status { get; init; } = EmulatedConsentStatus.NeverSubscribed;

    /// <summary>When consent was given (Klaviyo's <c>consent_timestamp</c>); <c>consented_at</c> for historical imports.</summary>
    public DateTimeOffset? ConsentedAt { get; init; }

    /// <summary>When the record last changed.</summary>
    public DateTimeOffset? LastUpdated { get; init; }

    /// <summary>How the consent was recorded; the emulator records <c>API</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The <c>custom_source</c> of the subscribe call.</summary>
    public string? CustomSource { get; init; }

    /// <summary>Whether the consent came from a <c>historical_import</c> subscribe.</summary>
    public bool HistoricalImport { get; init; }

    /// <summary>
    /// Whether a subscribe through a double opt-in list is waiting for the person to confirm (consent and list
    /// membership unchanged until then, as in Klaviyo; the emulator never confirms).
    /// </summary>
    public bool AwaitingDoubleOptIn { get; init; }
}
