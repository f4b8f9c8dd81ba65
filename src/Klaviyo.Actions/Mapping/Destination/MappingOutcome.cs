using System.Globalization;
using System.Net;
using Klaviyo.Actions.Batching;

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
        $"{base.ToString()} [{string.Join(", ", Results.Select(r => r.Action))}]"
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

/// <summary>
/// The action(s) were not delivered: Klaviyo refused them (<see cref="IsRejected"/>), delivery failed after
/// retries or before shutdown, or routing itself failed (<see cref="Exception"/>).
/// </summary>
public sealed class FailedOutcome : MappingOutcome
{
    internal FailedOutcome(string mappingName, string action, KlaviyoItemOutcome outcome, IReadOnlyList<KlaviyoActionResult> completed)
        : base(mappingName, action)
    {
        ItemOutcome = outcome;
        Completed = completed;
        StatusCode = outcome.StatusCode;
        IsRejected = outcome.Status == KlaviyoItemStatus.Rejected;
        IsTransient = OutcomeText.IsTransient(outcome);
        Parts = outcome.Parts;
        Message = Parts.Count > 0 ? OutcomeText.Describe(Parts) : OutcomeText.Failure(outcome);
    }

    internal FailedOutcome(string mappingName, string action, Exception exception, IReadOnlyList<KlaviyoActionResult> completed)
        : base(mappingName, action)
    {
        Exception = exception;
        Completed = completed;
        IsTransient = exception is HttpRequestException or TimeoutException or OperationCanceledException;
        Message = exception switch
        {
            KlaviyoApiException api => string.Create(CultureInfo.InvariantCulture, $"Klaviyo answered {(int)api.StatusCode} on {api.Method} {api.Path}"),
            HttpRequestException => "Klaviyo could not be reached (HttpRequestException).",
            TimeoutException => "The request to Klaviyo timed out.",
            OperationCanceledException => "Routing was cancelled.",
            _ => $"Routing failed with {exception.GetType().Name}.",
        };
        if (exception is KlaviyoApiException failedCall)
        {
            StatusCode = failedCall.StatusCode;
            IsTransient = failedCall.IsTransient;
        }
    }

    /// <inheritdoc />
    public override MappingOutcomeKind Kind => MappingOutcomeKind.Failed;

    /// <summary>
    /// A description without personal data: the status and Klaviyo error code, or what went wrong. For an action sent as
    /// several events (Order Completed) it names each event and what happened to it, e.g. <c>order event accepted;
    /// Ordered Product 2 of 3 (product_id p2) failed: Klaviyo refused it 400 (invalid)</c>.
    /// </summary>
    public string Message { get; }

    /// <summary>The delivery outcome of the action that was not delivered; <see langword="null"/> when routing failed before delivery.</summary>
    public KlaviyoItemOutcome? ItemOutcome { get; }

    /// <summary>The exception when routing failed before delivery (a trigger or list look-up threw); its message may quote request values.</summary>
    public Exception? Exception { get; }

    /// <summary>The HTTP status Klaviyo answered with, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether Klaviyo refused the action as it was (a 4xx other than 401/403/408/429): sending it unchanged again will not help.</summary>
    public bool IsRejected { get; }

    /// <summary>Whether retrying the same event later could succeed (429, 5xx, network errors, timeouts, shutdown).</summary>
    public bool IsTransient { get; }

    /// <summary>
    /// For an action Klaviyo records as several events (Order Completed: the order event, then one per product), each
    /// event and its outcome, accepted ones included; empty otherwise (see <see cref="KlaviyoItemOutcome.Parts"/>).
    /// </summary>
    public IReadOnlyList<KlaviyoPartOutcome> Parts { get; } = [];

    /// <summary>Actions of this mapping that were accepted (classic mode and Order Completed send several).</summary>
    public IReadOnlyList<KlaviyoActionResult> Completed { get; }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()}: {Message}";
}
