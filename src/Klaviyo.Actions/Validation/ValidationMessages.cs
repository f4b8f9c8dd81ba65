namespace Klaviyo.Actions.Validation;

/// <summary>
/// Validation messages. Segment's wording is kept where Segment has one. No message ever contains the
/// value that failed: emails and phone numbers are personal data.
/// </summary>
internal static class ValidationMessages
{
    // Segment (functions.ts, batch wording; the single-event wording says "and" instead of "or").
    public const string IdentifierRequired = "One of External ID, Phone Number or Email is required.";
    public const string EventIdentifierRequired = "One of External ID, Anonymous ID, Phone Number or Email is required.";
    public const string SubscriptionIdentifierRequired = "Phone Number or Email is required.";
    public const string ExternalIdTooLong = "Length of external_id must be no more than 255 characters.";
    public const string PhoneE164 = "Phone number could not be converted to E.164 format.";

    // Segment's ajv "email" format message.
    public const string EmailFormat = "Email must be a valid email address string but it was not.";

    public const string EmailTooLong = "Email must be no more than 100 characters.";
    public const string CountryCode =
        "Country Code must be an ISO 3166-1 alpha-2 code from Segment's list of 247 codes, such as \"US\" or \"GB\".";

    public const string OneIdentifier = "Exactly one of Profile ID, Email or Phone Number is required.";

    public const string ListIdRequired = "List ID is required.";
    public const string ListIdFormat = "List ID must not be blank and may contain only letters, digits, '_' or '-'.";

    public const string ProfileRequired = "Profile is required.";
    public const string MetricNameRequired = "Metric Name is required.";
    public const string MetricNameTooLong = "Metric Name must be less than 128 characters.";
    public const string EventNameRequired = "Event Name is required.";
    public const string EventNameTooLong = "Event Name must be less than 128 characters.";
    public const string ProductEventNameRequired = "Product Event Name is required.";
    public const string ProductEventNameTooLong = "Product Event Name must be less than 128 characters.";
    public const string TimeWindow = "Time must be after 2000-01-01T00:00:00Z and no more than 1 year in the future.";
    public const string UniqueIdLength = "Unique ID must be between 1 and 255 characters.";
    public const string TooManyProperties = "Properties must have no more than 400 entries.";
    public const string Currency = "Value Currency must be a three-letter ISO 4217 code such as \"USD\".";
    public const string ProductRequired = "Products must not contain null entries.";

    public const string CustomSourceRequired = "Custom Source is required.";
    public const string ConsentedAtRequired = "Consented At is required when Historical Import is true.";
    public const string ConsentedAtInPast = "Consented At must be in the past when Historical Import is true.";
    public const string ChannelsEmpty = "Channels must name at least one channel.";
    public const string ChannelsUnknown = "Channels contains a value that is not a known channel.";
    public const string EmailChannelNeedsEmail = "Email marketing consent requires an Email.";
    public const string SmsChannelNeedsPhone = "SMS consent requires a Phone Number.";
}
