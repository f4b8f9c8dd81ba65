using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions.Batching;

/// <summary>The result of validating one batch item: the normalized item, or the failed rules.</summary>
/// <param name="Normalized">The item as it will be sent (E.164 phones); <see langword="null"/> when invalid.</param>
/// <param name="Errors">The failed rules; empty when valid.</param>
internal readonly record struct BatchItemValidation(KlaviyoBatchItem? Normalized, IReadOnlyList<KlaviyoValidationError> Errors);

/// <summary>Validates batch items before they are planned; a seam so tests can supply their own rules.</summary>
internal interface IBatchItemValidator
{
    BatchItemValidation Validate(KlaviyoBatchItem item, TimeProvider timeProvider);
}

/// <summary>Validates with <see cref="KlaviyoRequestValidator"/>, the same rules as single calls.</summary>
internal sealed class KlaviyoBatchItemValidator : IBatchItemValidator
{
    public static readonly KlaviyoBatchItemValidator Instance = new();

    public BatchItemValidation Validate(KlaviyoBatchItem item, TimeProvider timeProvider) => item.Request switch
    {
        UpsertProfileRequest r => From(KlaviyoRequestValidator.Validate(r, timeProvider)),
        TrackEventRequest r => From(KlaviyoRequestValidator.Validate(r, timeProvider)),
        OrderCompletedRequest r => From(KlaviyoRequestValidator.Validate(r, timeProvider)),
        SubscribeProfileRequest r => From(KlaviyoRequestValidator.Validate(r, timeProvider)),
        UnsubscribeProfileRequest r => From(KlaviyoRequestValidator.Validate(r, timeProvider)),
        AddProfileToListRequest r => From(KlaviyoRequestValidator.Validate(r, timeProvider)),
        RemoveProfileFromListRequest r => From(KlaviyoRequestValidator.Validate(r, timeProvider)),
        RemoveProfileRequest r => From(KlaviyoRequestValidator.Validate(r, timeProvider)),
        _ => throw new ArgumentException($"{item.Request.GetType().Name} is not a batchable request.", nameof(item)),
    };

    private static BatchItemValidation From<T>(ValidationResult<T> result)
        where T : class =>
        result.IsValid
            ? new BatchItemValidation(KlaviyoBatchItem.FromRequest(result.Normalized!), [])
            : new BatchItemValidation(null, result.Errors);
}
