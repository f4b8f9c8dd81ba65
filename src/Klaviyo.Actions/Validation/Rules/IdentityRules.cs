namespace Klaviyo.Actions.Validation.Rules;

/// <summary>Rules for a profile's identifiers: email, phone (converted to E.164), country code, external id.</summary>
internal static class IdentityRules
{
    /// <summary>Klaviyo: "valid email address (must be &lt;= 100 characters)".</summary>
    public const int MaxEmailLength = 100;

    /// <summary>Segment's <c>MAX_EXTERNAL_ID_LENGTH</c>.</summary>
    public const int MaxExternalIdLength = 255;

    /// <summary>Checks each identifier and returns them normalized.</summary>
    public static CheckedIdentity Check(
        string? email,
        string? phoneNumber,
        string? countryCode,
        string? externalId,
        IdentityFields fields,
        ref ValidationErrorList errors)
    {
        string? checkedEmail = CheckEmail(email, fields.Email, ref errors);
        string? region = CheckCountryCode(countryCode, fields.CountryCode, ref errors);

        bool phoneGiven = !string.IsNullOrWhiteSpace(phoneNumber);
        if (!PhoneNumberNormalizer.TryNormalize(phoneNumber, region, out string? e164))
        {
            errors.Add(fields.PhoneNumber, KlaviyoValidationRules.PhoneE164, ValidationMessages.PhoneE164);
        }

        string? checkedExternalId = NullIfBlank(externalId);
        if (checkedExternalId is { Length: > MaxExternalIdLength })
        {
            errors.Add(fields.ExternalId, KlaviyoValidationRules.MaxLength, ValidationMessages.ExternalIdTooLong);
        }

        return new CheckedIdentity(checkedEmail, e164, checkedExternalId, phoneGiven);
    }

    /// <summary>Reports <c>identifier_required</c> with <paramref name="message"/> unless <paramref name="present"/>.</summary>
    public static void RequireIdentifier(bool present, string message, ref ValidationErrorList errors)
    {
        if (!present)
        {
            errors.Add(IdentityFields.Profile, KlaviyoValidationRules.IdentifierRequired, message);
        }
    }

    /// <summary>Returns <see langword="null"/> for a <see langword="null"/>, empty or whitespace value.</summary>
    public static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? CheckEmail(string? email, string field, ref ValidationErrorList errors)
    {
        string? value = NullIfBlank(email);
        if (value is null)
        {
            return null;
        }

        if (!EmailAddressFormat.IsValid(value))
        {
            errors.Add(field, KlaviyoValidationRules.EmailFormat, ValidationMessages.EmailFormat);
        }

        if (value.Length > MaxEmailLength)
        {
            errors.Add(field, KlaviyoValidationRules.MaxLength, ValidationMessages.EmailTooLong);
        }

        return value;
    }

    // A blank country code counts as absent. The code is passed to the phone conversion even when it is not
    // in Segment's list, which is reported on its own.
    private static string? CheckCountryCode(string? countryCode, string field, ref ValidationErrorList errors)
    {
        string? value = NullIfBlank(countryCode);
        if (value is not null && !CountryCodes.IsValid(value))
        {
            errors.Add(field, KlaviyoValidationRules.CountryCode, ValidationMessages.CountryCode);
        }

        return value;
    }
}
