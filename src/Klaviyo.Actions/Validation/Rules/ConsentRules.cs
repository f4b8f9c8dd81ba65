namespace Klaviyo.Actions.Validation.Rules;

/// <summary>Rules for Subscribe and Unsubscribe: channels against identifiers, historical imports.</summary>
internal static class ConsentRules
{
    private const ConsentChannels KnownChannels =
        ConsentChannels.EmailMarketing | ConsentChannels.SmsMarketing | ConsentChannels.SmsTransactional;

    private const ConsentChannels SmsChannels = ConsentChannels.SmsMarketing | ConsentChannels.SmsTransactional;

    /// <summary>
    /// When channels are chosen explicitly: at least one, all known, an email for email marketing and a
    /// (convertible) phone for SMS.
    /// </summary>
    public static void CheckChannels(ConsentChannels? channels, in CheckedIdentity identity, ref ValidationErrorList errors)
    {
        if (channels is not { } value)
        {
            return;
        }

        if (value == ConsentChannels.None)
        {
            errors.Add("channels", KlaviyoValidationRules.Consent, ValidationMessages.ChannelsEmpty);
            return;
        }

        if ((value & ~KnownChannels) != 0)
        {
            errors.Add("channels", KlaviyoValidationRules.Consent, ValidationMessages.ChannelsUnknown);
        }

        if ((value & ConsentChannels.EmailMarketing) != 0 && identity.Email is null)
        {
            errors.Add("email", KlaviyoValidationRules.Consent, ValidationMessages.EmailChannelNeedsEmail);
        }

        if ((value & SmsChannels) != 0 && identity.PhoneNumber is null)
        {
            errors.Add("phone_number", KlaviyoValidationRules.Consent, ValidationMessages.SmsChannelNeedsPhone);
        }
    }

    /// <summary>
    /// A historical import needs <c>consented_at</c> in the past. Without the flag <c>consented_at</c> is
    /// simply not sent, so it is not checked.
    /// </summary>
    public static void CheckHistoricalImport(
        bool historicalImport, DateTimeOffset? consentedAt, TimeProvider? timeProvider, ref ValidationErrorList errors)
    {
        if (!historicalImport)
        {
            return;
        }

        if (consentedAt is not { } value)
        {
            errors.Add("consented_at", KlaviyoValidationRules.Required, ValidationMessages.ConsentedAtRequired);
        }
        else if (value >= (timeProvider ?? TimeProvider.System).GetUtcNow())
        {
            errors.Add("consented_at", KlaviyoValidationRules.TimeWindow, ValidationMessages.ConsentedAtInPast);
        }
    }

    /// <summary>Checks that <c>custom_source</c> is not blank.</summary>
    public static void CheckCustomSource(string? customSource, ref ValidationErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(customSource))
        {
            errors.Add("custom_source", KlaviyoValidationRules.Required, ValidationMessages.CustomSourceRequired);
        }
    }
}
