namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>Mutable consent of one channel; guarded by the profile store's lock.</summary>
internal sealed class ChannelConsentRecord
{
    public EmulatedConsentStatus Status { get; set; } = EmulatedConsentStatus.NeverSubscribed;

    public DateTimeOffset? ConsentedAt { get; set; }

    public DateTimeOffset? LastUpdated { get; set; }

    public DateTimeOffset? UnsubscribedAt { get; set; }

    public string? Method { get; set; }

    public string? CustomSource { get; set; }

    public bool HistoricalImport { get; set; }

    public bool AwaitingDoubleOptIn { get; set; }

    public EmulatedChannelConsent ToSnapshot() => Status == EmulatedConsentStatus.NeverSubscribed && !AwaitingDoubleOptIn
        ? EmulatedChannelConsent.Never
        : new EmulatedChannelConsent
        {
            Status = Status,
            ConsentedAt = ConsentedAt,
            LastUpdated = LastUpdated,
            Method = Method,
            CustomSource = CustomSource,
            HistoricalImport = HistoricalImport,
            AwaitingDoubleOptIn = AwaitingDoubleOptIn,
        };
}
