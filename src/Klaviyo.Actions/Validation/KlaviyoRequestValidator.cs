namespace Klaviyo.Actions.Validation;

/// <summary>
/// Validates action requests before anything is sent, reporting every failing field and rule.
/// Also usable by applications that want to check input before enqueueing it.
/// </summary>
public static class KlaviyoRequestValidator
{
    // CONTRACT STUB: the validation work item replaces these bodies with the real rules.

    /// <summary>Validates an Upsert Profile request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">The clock for time-window rules; the system clock when <see langword="null"/>.</param>
    public static ValidationResult<UpsertProfileRequest> Validate(UpsertProfileRequest request, TimeProvider? timeProvider = null) => ValidationResult<UpsertProfileRequest>.Valid(request);

    /// <summary>Validates a Track Event request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">The clock for time-window rules; the system clock when <see langword="null"/>.</param>
    public static ValidationResult<TrackEventRequest> Validate(TrackEventRequest request, TimeProvider? timeProvider = null) => ValidationResult<TrackEventRequest>.Valid(request);

    /// <summary>Validates an Order Completed request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">The clock for time-window rules; the system clock when <see langword="null"/>.</param>
    public static ValidationResult<OrderCompletedRequest> Validate(OrderCompletedRequest request, TimeProvider? timeProvider = null) => ValidationResult<OrderCompletedRequest>.Valid(request);

    /// <summary>Validates a Subscribe Profile request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">The clock for time-window rules; the system clock when <see langword="null"/>.</param>
    public static ValidationResult<SubscribeProfileRequest> Validate(SubscribeProfileRequest request, TimeProvider? timeProvider = null) => ValidationResult<SubscribeProfileRequest>.Valid(request);

    /// <summary>Validates an Unsubscribe Profile request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    public static ValidationResult<UnsubscribeProfileRequest> Validate(UnsubscribeProfileRequest request, TimeProvider? timeProvider = null) => ValidationResult<UnsubscribeProfileRequest>.Valid(request);

    /// <summary>Validates an Add Profile to List request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    public static ValidationResult<AddProfileToListRequest> Validate(AddProfileToListRequest request, TimeProvider? timeProvider = null) => ValidationResult<AddProfileToListRequest>.Valid(request);

    /// <summary>Validates a Remove Profile from List request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    public static ValidationResult<RemoveProfileFromListRequest> Validate(RemoveProfileFromListRequest request, TimeProvider? timeProvider = null) => ValidationResult<RemoveProfileFromListRequest>.Valid(request);

    /// <summary>Validates a Remove Profile request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    public static ValidationResult<RemoveProfileRequest> Validate(RemoveProfileRequest request, TimeProvider? timeProvider = null) => ValidationResult<RemoveProfileRequest>.Valid(request);

    /// <summary>Validates a data-privacy deletion request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeProvider">Unused; for symmetry.</param>
    public static ValidationResult<ProfileDeletionRequest> Validate(ProfileDeletionRequest request, TimeProvider? timeProvider = null) => ValidationResult<ProfileDeletionRequest>.Valid(request);
}
