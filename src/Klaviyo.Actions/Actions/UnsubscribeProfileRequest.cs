namespace Klaviyo.Actions;

/// <summary>
/// Unsubscribe Profile: withdraw email and/or SMS consent (Segment action <c>unsubscribeProfile</c>).
/// <see cref="Email"/> or <see cref="PhoneNumber"/> is required.
/// </summary>
/// <remarks>
/// With a <see cref="ListId"/>, Klaviyo globally unsubscribes profiles that are not members of that list.
/// </remarks>
public sealed record UnsubscribeProfileRequest : IProfileIdentity
{
    /// <summary>The email to unsubscribe from email marketing.</summary>
    public string? Email { get; init; }

    /// <summary>The phone to unsubscribe from SMS marketing and SMS transactional messages.</summary>
    public string? PhoneNumber { get; init; }

    /// <inheritdoc />
    public string? CountryCode { get; init; }

    /// <summary>Not used by subscriptions; always <see langword="null"/>.</summary>
    string? IProfileIdentity.ExternalId => null;

    /// <summary>The list to unsubscribe from; all channels when absent.</summary>
    public string? ListId { get; init; }

    /// <summary>
    /// Channels to unsubscribe. When <see langword="null"/>: email marketing if an email is given, and SMS
    /// marketing plus SMS transactional if a phone is given (Segment's behaviour).
    /// </summary>
    public ConsentChannels? Channels { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"UnsubscribeProfile {Redaction.DescribeIdentity(this)}";
}
