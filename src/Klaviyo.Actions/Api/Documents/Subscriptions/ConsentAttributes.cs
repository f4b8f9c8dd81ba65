using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>One channel's consent: <c>{"consent":"SUBSCRIBED","consented_at"?:…}</c>.</summary>
/// <param name="Consent"><c>SUBSCRIBED</c> or <c>UNSUBSCRIBED</c>.</param>
/// <param name="ConsentedAt">When consent was given (historical imports only); omitted when <see langword="null"/>.</param>
internal sealed record ConsentAttributes(
    [property: JsonPropertyName("consent")] string Consent,
    [property: JsonPropertyName("consented_at")] string? ConsentedAt = null)
{
    public const string Subscribed = "SUBSCRIBED";
    public const string Unsubscribed = "UNSUBSCRIBED";
}
