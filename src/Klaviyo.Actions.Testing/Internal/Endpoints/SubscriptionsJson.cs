using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.JsonApi;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Writes a profile's <c>subscriptions</c> (returned with <c>additional-fields[profile]=subscriptions</c>).</summary>
internal static class SubscriptionsJson
{
    public static void Write(Utf8JsonWriter writer, EmulatedConsent consent)
    {
        writer.WriteStartObject("subscriptions");
        writer.WriteStartObject("email");
        writer.WriteStartObject("marketing");
        writer.WriteBoolean("can_receive_email_marketing", consent.CanReceiveEmailMarketing);
        WriteChannel(writer, consent.EmailMarketing);
        writer.WriteStartArray("suppression");
        foreach (var suppression in consent.Suppressions)
        {
            writer.WriteStartObject();
            writer.WriteString("reason", suppression.Reason);
            writer.WriteTimestamp("timestamp", suppression.Timestamp);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("list_suppressions");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("sms");
        writer.WriteStartObject("marketing");
        writer.WriteBoolean("can_receive_sms_marketing", consent.SmsMarketing.Status == EmulatedConsentStatus.Subscribed);
        WriteChannel(writer, consent.SmsMarketing);
        writer.WriteEndObject();
        writer.WriteStartObject("transactional");
        writer.WriteBoolean("can_receive_sms_transactional", consent.SmsTransactional.Status == EmulatedConsentStatus.Subscribed);
        WriteChannel(writer, consent.SmsTransactional);
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("mobile_push");
        writer.WriteStartObject("marketing");
        writer.WriteBoolean("can_receive_push_marketing", false);
        writer.WriteString("consent", "NEVER_SUBSCRIBED");
        writer.WriteNull("consent_timestamp");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string Wire(EmulatedConsentStatus status) => status switch
    {
        EmulatedConsentStatus.Subscribed => "SUBSCRIBED",
        EmulatedConsentStatus.Unsubscribed => "UNSUBSCRIBED",
        _ => "NEVER_SUBSCRIBED",
    };

    private static void WriteChannel(Utf8JsonWriter writer, EmulatedChannelConsent channel)
    {
        writer.WriteString("consent", Wire(channel.Status));
        writer.WriteTimestamp("consent_timestamp", channel.ConsentedAt);
        writer.WriteTimestamp("last_updated", channel.LastUpdated);
        writer.WriteStringOrNull("method", channel.Method);
        writer.WriteStringOrNull("method_detail", channel.CustomSource);
        writer.WriteStringOrNull("custom_method_detail", channel.CustomSource);
        if (channel.AwaitingDoubleOptIn || channel.Status == EmulatedConsentStatus.Subscribed)
        {
            writer.WriteBoolean("double_optin", channel.AwaitingDoubleOptIn);
        }
        else
        {
            writer.WriteNull("double_optin");
        }
    }
}
