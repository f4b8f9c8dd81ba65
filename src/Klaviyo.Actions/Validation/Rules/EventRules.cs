namespace Klaviyo.Actions.Validation.Rules;

/// <summary>Rules shared by Track Event and Order Completed (Klaviyo's Create Event limits).</summary>
internal static class EventRules
{
    /// <summary>Metric names must be shorter than this.</summary>
    public const int MetricNameLimit = 128;

    /// <summary>The longest <c>unique_id</c>.</summary>
    public const int MaxUniqueIdLength = 255;

    /// <summary>The most properties an event may carry.</summary>
    public const int MaxProperties = 400;

    /// <summary>Event times must be after this instant.</summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Checks the event's profile: present, identifiers valid, and at least one of email, converted phone,
    /// external id or anonymous id. Returns the normalized profile (<see langword="null"/> when missing).
    /// </summary>
    public static EventProfile? CheckProfile(EventProfile? profile, ref ValidationErrorList errors)
    {
        if (profile is null)
        {
            errors.Add(IdentityFields.Profile, KlaviyoValidationRules.Required, ValidationMessages.ProfileRequired);
            return null;
        }

        var identity = IdentityRules.Check(
            profile.Email, profile.PhoneNumber, profile.CountryCode, profile.ExternalId, IdentityFields.EventProfile, ref errors);
        string? anonymousId = IdentityRules.NullIfBlank(profile.AnonymousId);
        IdentityRules.RequireIdentifier(
            identity.HasAny || anonymousId is not null, ValidationMessages.EventIdentifierRequired, ref errors);

        return identity.IsSameAs(profile.Email, profile.PhoneNumber, profile.CountryCode, profile.ExternalId) &&
               ReferenceEquals(anonymousId, profile.AnonymousId)
            ? profile
            : profile with
            {
                Email = identity.Email,
                PhoneNumber = identity.PhoneNumber,
                CountryCode = null,
                ExternalId = identity.ExternalId,
                AnonymousId = anonymousId,
            };
    }

    /// <summary>Checks a metric name: not blank and shorter than 128 characters.</summary>
    public static void CheckMetricName(
        string? name, string field, string requiredMessage, string tooLongMessage, ref ValidationErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(field, KlaviyoValidationRules.Required, requiredMessage);
        }
        else if (name.Length >= MetricNameLimit)
        {
            errors.Add(field, KlaviyoValidationRules.MaxLength, tooLongMessage);
        }
        else if (!Api.Json.ValueRules.IsValidUnicode(name))
        {
            errors.Add(field, KlaviyoValidationRules.InvalidUnicode, "The metric name is not valid Unicode (a lone surrogate).");
        }
    }

    /// <summary>Checks that <paramref name="time"/> is after 2000 and at most one year ahead of now.</summary>
    public static void CheckTime(DateTimeOffset? time, TimeProvider? timeProvider, ref ValidationErrorList errors)
    {
        if (time is not { } value)
        {
            return;
        }

        var latest = (timeProvider ?? TimeProvider.System).GetUtcNow().AddYears(1);
        if (value <= EarliestTime || value > latest)
        {
            errors.Add("time", KlaviyoValidationRules.TimeWindow, ValidationMessages.TimeWindow);
        }
    }

    /// <summary>Checks that a given <c>unique_id</c> has 1–255 characters.</summary>
    public static void CheckUniqueId(string? uniqueId, ref ValidationErrorList errors)
    {
        if (uniqueId is null)
        {
            return;
        }

        if (uniqueId.Length == 0)
        {
            errors.Add("unique_id", KlaviyoValidationRules.MinLength, ValidationMessages.UniqueIdLength);
        }
        else if (uniqueId.Length > MaxUniqueIdLength)
        {
            errors.Add("unique_id", KlaviyoValidationRules.MaxLength, ValidationMessages.UniqueIdLength);
        }
    }

    /// <summary>Checks that an event has at most 400 properties.</summary>
    public static void CheckPropertyCount(IReadOnlyDictionary<string, object?>? properties, ref ValidationErrorList errors)
    {
        if (properties is { Count: > MaxProperties })
        {
            errors.Add("properties", KlaviyoValidationRules.TooManyProperties, ValidationMessages.TooManyProperties);
        }
    }

    /// <summary>Checks that a given currency is three ASCII letters.</summary>
    public static void CheckCurrency(string? currency, ref ValidationErrorList errors)
    {
        if (currency is not null && !(currency.Length == 3 && char.IsAsciiLetter(currency[0]) &&
                                      char.IsAsciiLetter(currency[1]) && char.IsAsciiLetter(currency[2])))
        {
            errors.Add("value_currency", KlaviyoValidationRules.CurrencyFormat, ValidationMessages.Currency);
        }
    }
}
