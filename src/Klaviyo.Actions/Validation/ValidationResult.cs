namespace Klaviyo.Actions.Validation;

/// <summary>
/// The result of validating an action request: the errors, or the normalized request ready to send
/// (phone numbers converted to E.164, country codes consumed).
/// </summary>
/// <typeparam name="T">The request type.</typeparam>
public sealed class ValidationResult<T>
    where T : class
{
    private ValidationResult(T? normalized, IReadOnlyList<KlaviyoValidationError> errors)
    {
        Normalized = normalized;
        Errors = errors;
    }

    /// <summary>Whether every rule passed.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Every failing field and rule; empty when valid.</summary>
    public IReadOnlyList<KlaviyoValidationError> Errors { get; }

    /// <summary>The request as it will be sent; <see langword="null"/> when invalid.</summary>
    public T? Normalized { get; }

    /// <summary>A passing result.</summary>
    /// <param name="normalized">The normalized request.</param>
    public static ValidationResult<T> Valid(T normalized) => new(normalized, []);

    /// <summary>A failing result.</summary>
    /// <param name="errors">The failures; at least one.</param>
    public static ValidationResult<T> Invalid(IReadOnlyList<KlaviyoValidationError> errors) => new(null, errors);

    /// <summary>Returns the normalized request or throws <see cref="KlaviyoValidationException"/>.</summary>
    /// <param name="action">The action name used in the message, e.g. <c>upsertProfile</c>.</param>
    public T GetNormalizedOrThrow(string action) =>
        IsValid ? Normalized! : throw new KlaviyoValidationException(action, Errors);
}
