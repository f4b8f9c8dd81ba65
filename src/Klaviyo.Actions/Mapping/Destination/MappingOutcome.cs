using System.Net;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// The outcome of one event under one mapping: <see cref="SentOutcome"/>, <see cref="SkippedOutcome"/>,
/// <see cref="InvalidOutcome"/> or <see cref="FailedOutcome"/> (a closed set; switch on the type or on
/// <see cref="Kind"/>). <see cref="object.ToString"/> never shows personal data.
/// </summary>
public abstract class MappingOutcome
{
    private protected MappingOutcome(string mappingName, string action)
    {
        MappingName = mappingName;
        Action = action;
    }

    /// <summary>The mapping's name.</summary>
    public string MappingName { get; }

    /// <summary>The action slug (or <c>classic</c> for classic mode).</summary>
    public string Action { get; }

    /// <summary>What happened.</summary>
    public abstract MappingOutcomeKind Kind { get; }

    /// <inheritdoc />
    public override string ToString() => $"{MappingName} ({Action}): {Kind}";
}

/// <summary>Klaviyo accepted the mapped action(s), possibly with parts left out (<see cref="Warnings"/>).</summary>
public sealed class SentOutcome : MappingOutcome
{
    internal SentOutcome(string mappingName, string action, IReadOnlyList<KlaviyoActionResult> results, IReadOnlyList<KlaviyoValidationError>? warnings = null)
        : base(mappingName, action)
    {
        Results = results;
        Warnings = warnings ?? [];
    }

    /// <inheritdoc />
    public override MappingOutcomeKind Kind => MappingOutcomeKind.Sent;

    /// <summary>Each action sent with the client's result (one per mapping; several in classic mode).</summary>
    public IReadOnlyList<KlaviyoActionResult> Results { get; }

    /// <summary>
    /// What was left out of the sent actions and why, by Segment field and rule (classic mode: a product without an
    /// id loses its Ordered Product event, a phone that is not E.164 is left out of the profile, a non-numeric
    /// revenue leaves the value out, a list add without an email is skipped). Empty when everything was sent as given.
    /// </summary>
    public IReadOnlyList<KlaviyoValidationError> Warnings { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{base.ToString()} [{string.Join(", ", Results.Select(r => r.Action.Slug))}]"
        + (Warnings.Count == 0 ? string.Empty : $" with warnings: {string.Join("; ", Warnings.Select(w => $"{w.Field} ({w.Rule})"))}");
}

/// <summary>The mapping did not apply.</summary>
public sealed class SkippedOutcome : MappingOutcome
{
    internal SkippedOutcome(string mappingName, string action, SkipReason reason)
        : base(mappingName, action) => Reason = reason;

    /// <inheritdoc />
    public override MappingOutcomeKind Kind => MappingOutcomeKind.Skipped;

    /// <summary>Why.</summary>
    public SkipReason Reason { get; }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()} ({Reason})";
}

/// <summary>The event could not be turned into a valid request; nothing was sent.</summary>
public sealed class InvalidOutcome : MappingOutcome
{
    internal InvalidOutcome(string mappingName, string action, IReadOnlyList<KlaviyoValidationError> errors)
        : base(mappingName, action) => Errors = errors;

    /// <inheritdoc />
    public override MappingOutcomeKind Kind => MappingOutcomeKind.Invalid;

    /// <summary>Every problem, by Segment field key and rule.</summary>
    public IReadOnlyList<KlaviyoValidationError> Errors { get; }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()}: {string.Join("; ", Errors.Select(e => $"{e.Field} ({e.Rule})"))}";
}

/// <summary>Sending failed.</summary>
public sealed class FailedOutcome : MappingOutcome
{
    internal FailedOutcome(string mappingName, string action, Exception exception, IReadOnlyList<KlaviyoActionResult> completed)
        : base(mappingName, action)
    {
        Exception = exception;
        Completed = completed;
        if (exception is KlaviyoApiException api)
        {
            StatusCode = api.StatusCode;
            IsTransient = api.IsTransient;
            Message = $"Klaviyo answered {(int)api.StatusCode} on {api.Method} {api.Path}"
                + (api.Errors.Count == 0 ? string.Empty : $" ({string.Join(", ", api.Errors.Select(e => e.Code ?? "error"))})")
                + (api.RequestId is null ? string.Empty : $", request {api.RequestId}");
        }
        else
        {
            IsTransient = exception is HttpRequestException or TimeoutException or TaskCanceledException;
            Message = exception switch
            {
                HttpRequestException => "Klaviyo could not be reached (HttpRequestException).",
                TimeoutException or TaskCanceledException => "The request to Klaviyo timed out.",
                _ => $"Sending failed with {exception.GetType().Name}.",
            };
        }
    }

    /// <inheritdoc />
    public override MappingOutcomeKind Kind => MappingOutcomeKind.Failed;

    /// <summary>A description without personal data: status, method, path and Klaviyo error codes, or the exception type.</summary>
    public string Message { get; }

    /// <summary>The exception. Its message may quote request values: log it with care.</summary>
    public Exception Exception { get; }

    /// <summary>The HTTP status Klaviyo answered with, for <see cref="KlaviyoApiException"/>.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether retrying the same event later could succeed (429, 5xx, network errors, timeouts).</summary>
    public bool IsTransient { get; }

    /// <summary>Actions of this mapping that were sent before the failure (classic mode sends several).</summary>
    public IReadOnlyList<KlaviyoActionResult> Completed { get; }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()}: {Message}";
}
