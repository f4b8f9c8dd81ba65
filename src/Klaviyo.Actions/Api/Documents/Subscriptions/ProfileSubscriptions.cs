using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>A profile's <c>subscriptions</c> object; channels without a change are omitted.</summary>
/// <param name="Email">The email channel.</param>
/// <param name="Sms">The SMS channel.</param>
internal sealed record ProfileSubscriptions(
    [property: JsonPropertyName("email")] EmailSubscriptions? Email,
    [property: JsonPropertyName("sms")] SmsSubscriptions? Sms)
{
    /// <summary>Builds the object for the chosen channels, all with the same consent.</summary>
    /// <param name="channels">The channels.</param>
    /// <param name="consent">The marketing consent (with <c>consented_at</c> when any).</param>
    public static ProfileSubscriptions For(ConsentChannels channels, ConsentAttributes consent)
    {
        var email = channels.HasFlag(ConsentChannels.EmailMarketing) ? new EmailSubscriptions(consent) : null;
        var smsMarketing = channels.HasFlag(ConsentChannels.SmsMarketing) ? consent : null;
        var smsTransactional = channels.HasFlag(ConsentChannels.SmsTransactional) ? new ConsentAttributes(consent.Consent) : null;
        var sms = smsMarketing is null && smsTransactional is null ? null : new SmsSubscriptions(smsMarketing, smsTransactional);
        return new ProfileSubscriptions(email, sms);
    }
}

/// <summary>The <c>subscriptions.email</c> channel.</summary>
/// <param name="Marketing">Email marketing consent.</param>
internal sealed record EmailSubscriptions([property: JsonPropertyName("marketing")] ConsentAttributes? Marketing);

/// <summary>The <c>subscriptions.sms</c> channel.</summary>
/// <param name="Marketing">SMS marketing consent.</param>
/// <param name="Transactional">SMS transactional consent (never carries <c>consented_at</c>).</param>
internal sealed record SmsSubscriptions(
    [property: JsonPropertyName("marketing")] ConsentAttributes? Marketing,
    [property: JsonPropertyName("transactional")] ConsentAttributes? Transactional);
