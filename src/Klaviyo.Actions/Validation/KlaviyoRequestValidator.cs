using Klaviyo.Actions.Validation.Rules;

namespace Klaviyo.Actions.Validation;

/// <summary>
/// Validates action requests before anything is sent, reporting every failing field and rule.
/// Also usable by applications that want to check input before enqueueing it.
/// </summary>
/// <remarks>
/// <para>
/// Every rule is evaluated; the result lists all failures, each with the field's Segment/Klaviyo key
/// (<c>email</c>, <c>profile.phone_number</c>, ...), a stable rule id from <see cref="KlaviyoValidationRules"/>
/// and a message (Segment's wording where Segment has one). Messages never contain the failing value.
/// </para>
/// <para>
/// A passing request is returned normalized: phone numbers in E.164, <c>CountryCode</c> cleared (it is only
/// an input to the phone conversion), and blank identifiers (empty or whitespace email, phone, external id,
/// anonymous id, profile id) cleared, since a blank identifier counts as missing and must not be sent.
/// Emails are not trimmed or lowercased. Nothing else changes; when nothing needs normalizing the same
/// instance is returned.
/// </para>
/// <para>A <see langword="null"/> request throws <see cref="ArgumentNullException"/>.</para>
/// </remarks>
public static class KlaviyoRequestValidator
{
    /// <summary>
    /// Validates an Upsert Profile request: one of email, phone or external id; email format and length;
    /// phone convertible to E.164; country code; external id length; list id format when set.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">The clock for time-window rules; the system clock when <see langword="null"/>.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<UpsertProfileRequest> Validate(UpsertProfileRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = default(ValidationErrorList);
        var identity = CheckListedProfile(request, request.ExternalId, ref errors);
        ListIdRules.CheckOptional(request.ListId, ref errors);

        if (errors.HasErrors)
        {
            return errors.ToInvalid<UpsertProfileRequest>();
        }

        return ValidationResult<UpsertProfileRequest>.Valid(
            identity.IsSameAs(request.Email, request.PhoneNumber, request.CountryCode, request.ExternalId)
                ? request
                : request with
                {
                    Email = identity.Email,
                    PhoneNumber = identity.PhoneNumber,
                    CountryCode = null,
                    ExternalId = identity.ExternalId,
                });
    }

    /// <summary>
    /// Validates a Track Event request: profile present with one of email, phone, external id or anonymous
    /// id and valid identifiers; metric name; time window; unique id length; property count; currency.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">The clock for time-window rules; the system clock when <see langword="null"/>.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<TrackEventRequest> Validate(TrackEventRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = default(ValidationErrorList);
        var profile = EventRules.CheckProfile(request.Profile, ref errors);
        EventRules.CheckMetricName(
            request.MetricName, "metric_name", ValidationMessages.MetricNameRequired, ValidationMessages.MetricNameTooLong, ref errors);
        EventRules.CheckTime(request.Time, timeProvider, ref errors);
        EventRules.CheckUniqueId(request.UniqueId, ref errors);
        EventRules.CheckPropertyCount(request.Properties, ref errors);
        EventRules.CheckCurrency(request.ValueCurrency, ref errors);

        if (errors.HasErrors)
        {
            return errors.ToInvalid<TrackEventRequest>();
        }

        return ValidationResult<TrackEventRequest>.Valid(
            ReferenceEquals(profile, request.Profile) ? request : request with { Profile = profile! });
    }

    /// <summary>
    /// Validates an Order Completed request: the Track Event profile, time, unique id, property count and
    /// currency rules; event and product event names; no null product.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">The clock for time-window rules; the system clock when <see langword="null"/>.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<OrderCompletedRequest> Validate(OrderCompletedRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = default(ValidationErrorList);
        var profile = EventRules.CheckProfile(request.Profile, ref errors);
        EventRules.CheckMetricName(
            request.EventName, "event_name", ValidationMessages.EventNameRequired, ValidationMessages.EventNameTooLong, ref errors);
        EventRules.CheckMetricName(
            request.ProductEventName,
            "product_event_name",
            ValidationMessages.ProductEventNameRequired,
            ValidationMessages.ProductEventNameTooLong,
            ref errors);
        EventRules.CheckTime(request.Time, timeProvider, ref errors);
        EventRules.CheckUniqueId(request.UniqueId, ref errors);
        EventRules.CheckPropertyCount(request.Properties, ref errors);
        EventRules.CheckCurrency(request.ValueCurrency, ref errors);
        CheckProducts(request.Products, ref errors);

        if (errors.HasErrors)
        {
            return errors.ToInvalid<OrderCompletedRequest>();
        }

        return ValidationResult<OrderCompletedRequest>.Valid(
            ReferenceEquals(profile, request.Profile) ? request : request with { Profile = profile! });
    }

    /// <summary>
    /// Validates a Subscribe Profile request: email or phone; identifier formats; list id when set;
    /// custom source; <c>consented_at</c> in the past for a historical import; channels against identifiers.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">The clock for time-window rules; the system clock when <see langword="null"/>.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<SubscribeProfileRequest> Validate(SubscribeProfileRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = default(ValidationErrorList);
        var identity = CheckSubscriber(request, ref errors);
        ListIdRules.CheckOptional(request.ListId, ref errors);
        ConsentRules.CheckCustomSource(request.CustomSource, ref errors);
        ConsentRules.CheckHistoricalImport(request.HistoricalImport, request.ConsentedAt, timeProvider, ref errors);
        ConsentRules.CheckChannels(request.Channels, identity, ref errors);

        if (errors.HasErrors)
        {
            return errors.ToInvalid<SubscribeProfileRequest>();
        }

        return ValidationResult<SubscribeProfileRequest>.Valid(
            identity.IsSameAs(request.Email, request.PhoneNumber, request.CountryCode, externalId: null)
                ? request
                : request with { Email = identity.Email, PhoneNumber = identity.PhoneNumber, CountryCode = null });
    }

    /// <summary>
    /// Validates an Unsubscribe Profile request: email or phone; identifier formats; list id when set;
    /// channels against identifiers.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<UnsubscribeProfileRequest> Validate(UnsubscribeProfileRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = default(ValidationErrorList);
        var identity = CheckSubscriber(request, ref errors);
        ListIdRules.CheckOptional(request.ListId, ref errors);
        ConsentRules.CheckChannels(request.Channels, identity, ref errors);

        if (errors.HasErrors)
        {
            return errors.ToInvalid<UnsubscribeProfileRequest>();
        }

        return ValidationResult<UnsubscribeProfileRequest>.Valid(
            identity.IsSameAs(request.Email, request.PhoneNumber, request.CountryCode, externalId: null)
                ? request
                : request with { Email = identity.Email, PhoneNumber = identity.PhoneNumber, CountryCode = null });
    }

    /// <summary>
    /// Validates an Add Profile to List request: list id; one of email, phone or external id; identifier
    /// formats and lengths.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<AddProfileToListRequest> Validate(AddProfileToListRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValidateListMember(request, request.ListId, static (r, identity) => r with
        {
            Email = identity.Email,
            PhoneNumber = identity.PhoneNumber,
            CountryCode = null,
            ExternalId = identity.ExternalId,
        });
    }

    /// <summary>
    /// Validates a Remove Profile from List request: list id; one of email, phone or external id;
    /// identifier formats and lengths.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<RemoveProfileFromListRequest> Validate(RemoveProfileFromListRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValidateListMember(request, request.ListId, static (r, identity) => r with
        {
            Email = identity.Email,
            PhoneNumber = identity.PhoneNumber,
            CountryCode = null,
            ExternalId = identity.ExternalId,
        });
    }

    /// <summary>
    /// Validates a Remove Profile request: list id; one of email, phone or external id; identifier formats
    /// and lengths.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<RemoveProfileRequest> Validate(RemoveProfileRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValidateListMember(request, request.ListId, static (r, identity) => r with
        {
            Email = identity.Email,
            PhoneNumber = identity.PhoneNumber,
            CountryCode = null,
            ExternalId = identity.ExternalId,
        });
    }

    /// <summary>
    /// Validates a data-privacy deletion request: exactly one of profile id, email or phone number, with
    /// the email and phone rules applied.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    /// <returns>The normalized request, or every failure.</returns>
    public static ValidationResult<ProfileDeletionRequest> Validate(ProfileDeletionRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = default(ValidationErrorList);
        var identity = IdentityRules.Check(
            request.Email, request.PhoneNumber, request.CountryCode, externalId: null, IdentityFields.Root, ref errors);
        string? profileId = IdentityRules.NullIfBlank(request.ProfileId);

        // More than one given is ambiguous (Klaviyo answers with an error); none usable leaves nothing to delete.
        int given = (profileId is null ? 0 : 1) + (identity.Email is null ? 0 : 1) + (identity.PhoneGiven ? 1 : 0);
        bool usable = profileId is not null || identity.Email is not null || identity.PhoneNumber is not null;
        if (given > 1 || !usable)
        {
            errors.Add(IdentityFields.Profile, KlaviyoValidationRules.OneIdentifier, ValidationMessages.OneIdentifier);
        }

        if (errors.HasErrors)
        {
            return errors.ToInvalid<ProfileDeletionRequest>();
        }

        return ValidationResult<ProfileDeletionRequest>.Valid(
            identity.IsSameAs(request.Email, request.PhoneNumber, request.CountryCode, externalId: null) &&
            ReferenceEquals(profileId, request.ProfileId)
                ? request
                : request with
                {
                    ProfileId = profileId,
                    Email = identity.Email,
                    PhoneNumber = identity.PhoneNumber,
                    CountryCode = null,
                });
    }

    // Upsert, Add to List, Remove from List, Remove: one of email, phone, external id.
    /// <summary>The shared rules of the list-membership requests: a required list id and a listed profile's identifiers.</summary>
    private static ValidationResult<T> ValidateListMember<T>(T request, string? listId, Func<T, CheckedIdentity, T> normalize)
        where T : class, IProfileIdentity
    {
        var errors = default(ValidationErrorList);
        ListIdRules.CheckRequired(listId, ref errors);
        var identity = CheckListedProfile(request, request.ExternalId, ref errors);
        if (errors.HasErrors)
        {
            return errors.ToInvalid<T>();
        }

        return ValidationResult<T>.Valid(
            identity.IsSameAs(request.Email, request.PhoneNumber, request.CountryCode, request.ExternalId)
                ? request
                : normalize(request, identity));
    }

    private static CheckedIdentity CheckListedProfile(IProfileIdentity profile, string? externalId, ref ValidationErrorList errors)
    {
        var identity = IdentityRules.Check(
            profile.Email, profile.PhoneNumber, profile.CountryCode, externalId, IdentityFields.Root, ref errors);
        IdentityRules.RequireIdentifier(identity.HasAny, ValidationMessages.IdentifierRequired, ref errors);
        return identity;
    }

    // Subscribe, Unsubscribe: email or phone (no external id).
    private static CheckedIdentity CheckSubscriber(IProfileIdentity profile, ref ValidationErrorList errors)
    {
        var identity = IdentityRules.Check(
            profile.Email, profile.PhoneNumber, profile.CountryCode, externalId: null, IdentityFields.Root, ref errors);
        IdentityRules.RequireIdentifier(
            identity.Email is not null || identity.PhoneNumber is not null,
            ValidationMessages.SubscriptionIdentifierRequired,
            ref errors);
        return identity;
    }

    private static void CheckProducts(IReadOnlyList<OrderProduct>? products, ref ValidationErrorList errors)
    {
        if (products is null)
        {
            return;
        }

        for (int i = 0; i < products.Count; i++)
        {
            if (products[i] is null)
            {
                errors.Add($"products[{i}]", KlaviyoValidationRules.Required, ValidationMessages.ProductRequired);
            }
        }
    }
}
