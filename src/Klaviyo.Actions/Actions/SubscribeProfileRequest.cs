namespace Klaviyo.Actions;

/// <summary>
/// Subscribe Profile: give a profile email and/or SMS marketing consent, optionally through a list
/// (Segment action <c>subscribeProfile</c>). <see cref="Email"/> or <see cref="PhoneNumber"/> is required.
/// </summary>
public sealed record SubscribeProfileRequest : IProfileIdentity
{
    /// <summary>Segment's <c>$source</c> value, the default <see cref="CustomSource"/>.</summary>
    public const string SegmentCustomSource = "-59";

    /// <summary>The email to subscribe to email marketing.</summary>
    public string? Email { get; init; }

    /// <summary>The phone to subscribe to SMS marketing (E.164, or national with <see cref="CountryCode"/>).</summary>
    public string? PhoneNumber { get; init; }

    /// <inheritdoc />
    public string? CountryCode { get; init; }

    /// <summary>Not used by subscriptions (Klaviyo resolves by email or phone); always <see langword="null"/>.</summary>
    string? IProfileIdentity.ExternalId => null;

    /// <summary>A list to subscribe through; its opt-in setting (single/double) applies.</summary>
    public string? ListId { get; init; }

    /// <summary>Source recorded on the consent (<c>custom_source</c>); defaults to <c>-59</c> (Segment).</summary>
    public string CustomSource { get; init; } = SegmentCustomSource;

    /// <summary>
    /// Import past consent: skips double opt-in and "Added to list" flows. Requires <see cref="ConsentedAt"/>
    /// in the past.
    /// </summary>
    public bool HistoricalImport { get; init; }

    /// <summary>When consent was given; sent only with <see cref="HistoricalImport"/>.</summary>
    public DateTimeOffset? ConsentedAt { get; init; }

    /// <summary>
    /// Channels to subscribe. When <see langword="null"/>: email marketing if an email is given and SMS
    /// marketing if a phone is given (Segment's behaviour).
    /// </summary>
    public ConsentChannels? Channels { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"SubscribeProfile {Redaction.DescribeIdentity(this)}";
}
