using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.JsonApi;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>
/// Reads the profiles of bulk subscribe and unsubscribe requests: identifiers, the required <c>subscriptions</c> object
/// (<c>consent</c> must be <c>SUBSCRIBED</c> or <c>UNSUBSCRIBED</c>), and for subscribe the <c>consented_at</c> rules
/// of <c>historical_import</c>.
/// </summary>
internal static class SubscriptionsReader
{
    private static readonly NameSet SubscribeRowMembers = NameSet.Of("type", "id", "attributes");
    private static readonly NameSet UnsubscribeRowMembers = NameSet.Of("type", "attributes");
    private static readonly NameSet SubscribeAttributes = NameSet.Of("email", "phone_number", "age_gated_date_of_birth", "subscriptions");
    private static readonly NameSet UnsubscribeAttributes = NameSet.Of("email", "phone_number", "subscriptions");
    private static readonly NameSet Channels = NameSet.Of("email", "sms", "whatsapp", "push");
    private static readonly NameSet EmailTypes = NameSet.Of("marketing", "open_tracking");
    private static readonly NameSet SmsTypes = NameSet.Of("marketing", "transactional");
    private static readonly NameSet WhatsAppTypes = NameSet.Of("marketing", "transactional", "conversational");
    private static readonly NameSet PushTypes = NameSet.Of("marketing", "tokens");
    private static readonly NameSet SubscribeConsentFields = NameSet.Of("consent", "consented_at");
    private static readonly NameSet UnsubscribeConsentFields = NameSet.Of("consent");

    public static SubscriptionRow? ReadRow(
        JsonElement row, string pointer, bool subscribe, bool historicalImport, DateTimeOffset now, Problems problems)
    {
        int before = problems.Count;
        if (row.ValueKind != JsonValueKind.Object)
        {
            problems.Invalid(pointer, "Each profile must be an object.");
            return null;
        }

        JsonShape.RejectUnknown(row, subscribe ? SubscribeRowMembers : UnsubscribeRowMembers, pointer, "profile", problems);
        if (!JsonShape.ResourceType(row, "profile", pointer, problems))
        {
            return null;
        }

        string? id = null;
        if (subscribe)
        {
            JsonShape.String(row, "id", pointer, problems, out id);
        }

        if (JsonShape.Object(row, "attributes", pointer, problems, out var attributes, required: true) != MemberState.Present)
        {
            return null;
        }

        string attributesPointer = JsonShape.Pointer(pointer, "attributes");
        JsonShape.RejectUnknown(attributes, subscribe ? SubscribeAttributes : UnsubscribeAttributes, attributesPointer, "profile", problems);
        string? email = ReadEmail(attributes, attributesPointer, problems);
        string? phone = ReadPhone(attributes, attributesPointer, problems);
        if (subscribe && JsonShape.String(attributes, "age_gated_date_of_birth", attributesPointer, problems, out string? birth) == MemberState.Present &&
            !DateOnly.TryParseExact(birth, "yyyy-MM-dd", out _))
        {
            problems.Invalid(JsonShape.Pointer(attributesPointer, "age_gated_date_of_birth"), "'age_gated_date_of_birth' must be a date (YYYY-MM-DD).");
        }

        var changes = new List<ChannelChange>();
        bool hasEmailChannel = false;
        bool hasSmsChannel = false;
        if (JsonShape.Object(attributes, "subscriptions", attributesPointer, problems, out var subscriptions, required: true) == MemberState.Present)
        {
            string subscriptionsPointer = JsonShape.Pointer(attributesPointer, "subscriptions");
            JsonShape.RejectUnknown(subscriptions, Channels, subscriptionsPointer, "subscriptions", problems);
            var context = new ChannelContext(subscribe, historicalImport, now, problems, changes);
            hasEmailChannel = ReadChannel(subscriptions, "email", EmailTypes, subscriptionsPointer, context);
            hasSmsChannel = ReadChannel(subscriptions, "sms", SmsTypes, subscriptionsPointer, context);
            ReadChannel(subscriptions, "whatsapp", WhatsAppTypes, subscriptionsPointer, context);
            ReadChannel(subscriptions, "push", PushTypes, subscriptionsPointer, context);
        }

        if (hasEmailChannel && email is null)
        {
            problems.Invalid(JsonShape.Pointer(attributesPointer, "email"), "'email' must not be empty when the email channel is included in 'subscriptions'.");
        }

        if (hasSmsChannel && phone is null)
        {
            problems.Invalid(JsonShape.Pointer(attributesPointer, "phone_number"), "'phone_number' must not be empty when the sms channel is included in 'subscriptions'.");
        }

        if (problems.Count == before && id is null && email is null && phone is null)
        {
            problems.Invalid(attributesPointer, "An email or phone_number is required.");
        }

        return problems.Count == before ? new SubscriptionRow(pointer, id, email, phone, changes) : null;
    }

    private static string? ReadEmail(JsonElement attributes, string pointer, Problems problems)
    {
        if (JsonShape.String(attributes, "email", pointer, problems, out string? email) != MemberState.Present)
        {
            return null;
        }

        if (IdentifierRules.EmailProblem(email!) is { } problem)
        {
            problems.Invalid(JsonShape.Pointer(pointer, "email"), problem);
            return null;
        }

        return email;
    }

    private static string? ReadPhone(JsonElement attributes, string pointer, Problems problems)
    {
        if (JsonShape.String(attributes, "phone_number", pointer, problems, out string? phone) != MemberState.Present)
        {
            return null;
        }

        if (!IdentifierRules.IsE164(phone!))
        {
            problems.Invalid(JsonShape.Pointer(pointer, "phone_number"), IdentifierRules.InvalidPhoneDetail);
            return null;
        }

        return phone;
    }

    /// <summary>Reads one channel object; returns whether it was present.</summary>
    private static bool ReadChannel(JsonElement subscriptions, string channel, NameSet types, string pointer, ChannelContext context)
    {
        if (JsonShape.Object(subscriptions, channel, pointer, context.Problems, out var value) != MemberState.Present)
        {
            return false;
        }

        string channelPointer = JsonShape.Pointer(pointer, channel);
        JsonShape.RejectUnknown(value, types, channelPointer, channel, context.Problems);
        if (channel == "push" && !value.TryGetProperty("marketing", out _))
        {
            context.Problems.Invalid(JsonShape.Pointer(channelPointer, "marketing"), "'marketing' is a required field.");
        }

        foreach (var type in value.EnumerateObject())
        {
            if (!types.Contains(type.Name) || type.Name == "tokens")
            {
                continue;
            }

            string typePointer = JsonShape.Pointer(channelPointer, type.Name);
            if (ReadConsent(value, type.Name, channelPointer, context, out var consentedAt) &&
                Tracked(channel, type.Name) is { } tracked)
            {
                context.Changes.Add(new ChannelChange(tracked, consentedAt, typePointer));
            }
        }

        return true;
    }

    private static bool ReadConsent(JsonElement channel, string type, string pointer, ChannelContext context, out DateTimeOffset? consentedAt)
    {
        consentedAt = null;
        var problems = context.Problems;
        if (JsonShape.Object(channel, type, pointer, problems, out var consent) != MemberState.Present)
        {
            return false;
        }

        int before = problems.Count;
        string consentPointer = JsonShape.Pointer(pointer, type);
        JsonShape.RejectUnknown(consent, context.Subscribe ? SubscribeConsentFields : UnsubscribeConsentFields, consentPointer, type, problems);
        string expected = context.Subscribe ? "SUBSCRIBED" : "UNSUBSCRIBED";
        if (JsonShape.String(consent, "consent", consentPointer, problems, out string? value, required: true, nullable: false) == MemberState.Present &&
            value != expected)
        {
            problems.Invalid(JsonShape.Pointer(consentPointer, "consent"), $"'consent' must be '{expected}'.");
        }

        if (context.Subscribe && type != "open_tracking")
        {
            consentedAt = ReadConsentedAt(consent, consentPointer, context);
        }

        return problems.Count == before;
    }

    private static DateTimeOffset? ReadConsentedAt(JsonElement consent, string pointer, ChannelContext context)
    {
        var problems = context.Problems;
        string fieldPointer = JsonShape.Pointer(pointer, "consented_at");
        var state = JsonShape.String(consent, "consented_at", pointer, problems, out string? text);
        if (state is MemberState.Absent or MemberState.Null)
        {
            if (context.HistoricalImport)
            {
                problems.Invalid(fieldPointer, "'consented_at' is required when 'historical_import' is true.");
            }

            return null;
        }

        if (state != MemberState.Present)
        {
            return null;
        }

        if (!context.HistoricalImport)
        {
            problems.Invalid(fieldPointer, "'consented_at' can only be set when 'historical_import' is true.");
            return null;
        }

        if (!Timestamps.TryParse(text!, out var consentedAt))
        {
            problems.Invalid(fieldPointer, "'consented_at' must be an ISO 8601 datetime.");
            return null;
        }

        if (consentedAt > context.Now)
        {
            problems.Invalid(fieldPointer, "'consented_at' must be in the past.");
            return null;
        }

        return consentedAt;
    }

    private static ConsentChannel? Tracked(string channel, string type) => (channel, type) switch
    {
        ("email", "marketing") => ConsentChannel.EmailMarketing,
        ("sms", "marketing") => ConsentChannel.SmsMarketing,
        ("sms", "transactional") => ConsentChannel.SmsTransactional,
        _ => null,
    };

    private sealed record ChannelContext(bool Subscribe, bool HistoricalImport, DateTimeOffset Now, Problems Problems, List<ChannelChange> Changes);
}
