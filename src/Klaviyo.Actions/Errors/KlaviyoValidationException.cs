namespace Klaviyo.Actions;

/// <summary>
/// A request failed validation before anything was sent. <see cref="Errors"/> lists every failing
/// field and rule.
/// </summary>
public sealed class KlaviyoValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="action">The action whose request failed, e.g. <c>upsertProfile</c>.</param>
    /// <param name="errors">The failures; at least one.</param>
    public KlaviyoValidationException(string action, IReadOnlyList<KlaviyoValidationError> errors)
        : base(BuildMessage(action, errors))
    {
        Action = action;
        Errors = errors;
    }

    /// <summary>The action whose request failed.</summary>
    public string Action { get; }

    /// <summary>Every failing field and rule.</summary>
    public IReadOnlyList<KlaviyoValidationError> Errors { get; }

    private static string BuildMessage(string action, IReadOnlyList<KlaviyoValidationError> errors) =>
        errors.Count == 1
            ? $"Invalid {action} request: {errors[0]}"
            : $"Invalid {action} request ({errors.Count} errors): {string.Join("; ", errors)}";
}
