namespace Klaviyo.Actions.Validation;

/// <summary>
/// The stable rule ids reported in <see cref="KlaviyoValidationError.Rule"/>. Match on these rather than
/// on message text, which may change.
/// </summary>
public static class KlaviyoValidationRules
{
    /// <summary>No usable profile identifier (email, converted phone, external id, anonymous id) was given.</summary>
    public const string IdentifierRequired = "identifier_required";

    /// <summary>A data-privacy deletion did not name exactly one identifier.</summary>
    public const string OneIdentifier = "one_identifier";

    /// <summary>An email is not a valid address.</summary>
    public const string EmailFormat = "email_format";

    /// <summary>A value is longer than allowed.</summary>
    public const string MaxLength = "max_length";

    /// <summary>Text that is not valid Unicode (a lone surrogate, e.g. an emoji cut in half).</summary>
    public const string InvalidUnicode = "invalid_unicode";

    /// <summary>A value is shorter than allowed (for example an empty <c>unique_id</c>).</summary>
    public const string MinLength = "min_length";

    /// <summary>A phone number could not be converted to E.164.</summary>
    public const string PhoneE164 = "phone_e164";

    /// <summary>A country code is not one of the accepted ISO 3166-1 alpha-2 codes.</summary>
    public const string CountryCode = "country_code";

    /// <summary>A required value is missing or blank.</summary>
    public const string Required = "required";

    /// <summary>A timestamp is outside the window Klaviyo accepts.</summary>
    public const string TimeWindow = "time_window";

    /// <summary>The consent channels do not fit the identifiers given.</summary>
    public const string Consent = "consent";

    /// <summary>A list id is blank or contains characters other than letters, digits, '_' or '-'.</summary>
    public const string ListIdFormat = "list_id_format";

    /// <summary>An event carries more properties than Klaviyo accepts.</summary>
    public const string TooManyProperties = "too_many_properties";

    /// <summary>A currency is not a three-letter ISO 4217 code.</summary>
    public const string CurrencyFormat = "currency_format";
}
