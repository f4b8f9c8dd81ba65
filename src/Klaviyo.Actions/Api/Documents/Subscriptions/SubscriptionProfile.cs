using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>One profile of a subscribe/unsubscribe job: <c>{"type":"profile","attributes":{email?,phone_number?,subscriptions}}</c>.</summary>
/// <param name="Attributes">The attributes.</param>
internal sealed record SubscriptionProfile([property: JsonPropertyName("attributes")] SubscriptionProfileAttributes Attributes)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.Profile;
}

/// <summary>The attributes of a subscription job's profile.</summary>
/// <param name="Email">The email; omitted when <see langword="null"/>.</param>
/// <param name="PhoneNumber">The E.164 phone; omitted when <see langword="null"/>.</param>
/// <param name="Subscriptions">The consent changes.</param>
internal sealed record SubscriptionProfileAttributes(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("subscriptions")] ProfileSubscriptions Subscriptions);

/// <summary>Builds subscription job profiles from action requests.</summary>
internal static class SubscriptionProfiles
{
    /// <summary>
    /// The profile of a Subscribe Profile request: the chosen channels (default: email marketing for an
    /// email, SMS marketing for a phone) with <c>consented_at</c> on marketing consents only for historical imports.
    /// </summary>
    public static SubscriptionProfile Subscribe(SubscribeProfileRequest request)
    {
        string? email = NullIfEmpty(request.Email);
        string? phone = NullIfEmpty(request.PhoneNumber);
        var channels = request.Channels ?? DefaultChannels(email, phone, smsTransactional: false);
        string? consentedAt = request.HistoricalImport && request.ConsentedAt is { } at ? KlaviyoTime.ToWire(at) : null;
        var consent = new ConsentAttributes(ConsentAttributes.Subscribed, consentedAt);
        return new SubscriptionProfile(new SubscriptionProfileAttributes(email, phone, ProfileSubscriptions.For(channels, consent)));
    }

    /// <summary>
    /// The profile of an Unsubscribe Profile request: the chosen channels (default: email marketing for an
    /// email; SMS marketing and SMS transactional for a phone, as Segment does).
    /// </summary>
    public static SubscriptionProfile Unsubscribe(UnsubscribeProfileRequest request)
    {
        string? email = NullIfEmpty(request.Email);
        string? phone = NullIfEmpty(request.PhoneNumber);
        var channels = request.Channels ?? DefaultChannels(email, phone, smsTransactional: true);
        var consent = new ConsentAttributes(ConsentAttributes.Unsubscribed);
        return new SubscriptionProfile(new SubscriptionProfileAttributes(email, phone, ProfileSubscriptions.For(channels, consent)));
    }

    private static ConsentChannels DefaultChannels(string? email, string? phone, bool smsTransactional)
    {
        var channels = ConsentChannels.None;
        if (email is not null)
        {
            channels |= ConsentChannels.EmailMarketing;
        }

        if (phone is not null)
        {
            channels |= ConsentChannels.SmsMarketing;
            if (smsTransactional)
            {
                channels |= ConsentChannels.SmsTransactional;
            }
        }

        return channels;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
