using System.Net;
using System.Text;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// The outcome of one item of a bulk call or the background queue. Every item gets exactly one, and none
/// says <see cref="KlaviyoItemStatus.Accepted"/> for an item Klaviyo was not sent.
/// </summary>
public sealed record KlaviyoItemOutcome
{
    /// <summary>The <see cref="Reason"/> of items the background queue could not send before it shut down.</summary>
    public const string NotDeliveredBeforeShutdown = "not delivered before shutdown";

    /// <summary>The <see cref="Reason"/> of items offered to the background queue after it began to shut down (never sent).</summary>
    public const string NotAcceptedShuttingDown = "not accepted: the queue is shutting down";

    /// <summary>What happened.</summary>
    public required KlaviyoItemStatus Status { get; init; }

    /// <summary>Segment's name of the item's action, e.g. <c>trackEvent</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The failed rules of an <see cref="KlaviyoItemStatus.Invalid"/> item; empty otherwise.</summary>
    public IReadOnlyList<KlaviyoValidationError> ValidationErrors { get; init; } = [];

    /// <summary>The Klaviyo error that rejected or failed the item, when Klaviyo sent one.</summary>
    public KlaviyoError? Error { get; init; }

    /// <summary>The HTTP status of Klaviyo's answer for a rejected or failed request, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>A short explanation for anything other than a plain acceptance, e.g. <see cref="NotDeliveredBeforeShutdown"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The type and message of the exception that failed the item, if one did.</summary>
    public string? ExceptionSummary { get; init; }

    /// <summary>The Klaviyo job id (bulk profile import) that carried the item, when Klaviyo returned one.</summary>
    public string? JobId { get; init; }

    /// <summary>Whether the item's job was followed to its end; see <see cref="KlaviyoJobConfirmation"/>.</summary>
    public KlaviyoJobConfirmation JobConfirmation { get; init; }

    /// <summary>For list removals: the Klaviyo profile ids the item's identifiers resolved to; empty otherwise.</summary>
    public IReadOnlyList<string> ProfileIds { get; init; } = [];

    /// <summary>
    /// For an action Klaviyo records as several events (Order Completed: the order event, then one per product), what
    /// happened to each when not all were accepted; this outcome is then the worst of them. Empty when the action is one
    /// event or every event was accepted.
    /// </summary>
    public IReadOnlyList<KlaviyoPartOutcome> Parts { get; init; } = [];

    /// <summary>Whether <see cref="Status"/> is <see cref="KlaviyoItemStatus.Accepted"/>.</summary>
    public bool IsAccepted => Status == KlaviyoItemStatus.Accepted;

    /// <summary>An accepted item.</summary>
    /// <param name="action">Segment's action name.</param>
    /// <param name="jobId">The job that carried it, if any.</param>
    /// <param name="confirmation">Whether its job was followed.</param>
    public static KlaviyoItemOutcome Accepted(string action, string? jobId = null, KlaviyoJobConfirmation confirmation = KlaviyoJobConfirmation.NotTracked) =>
        new() { Status = KlaviyoItemStatus.Accepted, Action = action, JobId = jobId, JobConfirmation = confirmation };

    /// <summary>An item that failed validation and was not sent.</summary>
    /// <param name="action">Segment's action name.</param>
    /// <param name="errors">The failed rules; at least one.</param>
    public static KlaviyoItemOutcome Invalid(string action, IReadOnlyList<KlaviyoValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("An invalid outcome needs at least one validation error.", nameof(errors));
        }

        return new() { Status = KlaviyoItemStatus.Invalid, Action = action, ValidationErrors = errors, Reason = errors[0].Message };
    }

    /// <summary>An item Klaviyo refused.</summary>
    /// <param name="action">Segment's action name.</param>
    /// <param name="error">Klaviyo's error, if it sent one.</param>
    /// <param name="statusCode">The HTTP status, if there was one.</param>
    /// <param name="reason">A short explanation; defaults to the error's detail.</param>
    public static KlaviyoItemOutcome Rejected(string action, KlaviyoError? error, HttpStatusCode? statusCode = null, string? reason = null) =>
        new()
        {
            Status = KlaviyoItemStatus.Rejected,
            Action = action,
            Error = error,
            StatusCode = statusCode,
            Reason = reason ?? error?.Detail ?? error?.Title ?? "rejected by Klaviyo",
        };

    /// <summary>An item that was not delivered.</summary>
    /// <param name="action">Segment's action name.</param>
    /// <param name="reason">A short explanation.</param>
    /// <param name="statusCode">The HTTP status, if Klaviyo answered.</param>
    /// <param name="error">Klaviyo's error, if it sent one.</param>
    /// <param name="exceptionSummary">The exception type and message, if one was thrown.</param>
    public static KlaviyoItemOutcome Failed(string action, string reason, HttpStatusCode? statusCode = null, KlaviyoError? error = null, string? exceptionSummary = null) =>
        new()
        {
            Status = KlaviyoItemStatus.Failed,
            Action = action,
            Reason = reason,
            StatusCode = statusCode,
            Error = error,
            ExceptionSummary = exceptionSummary,
        };

    /// <summary>Describes the outcome without personal data (no error details, which may quote input).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Action).Append(' ').Append(Status);
        if (StatusCode is { } code)
        {
            sb.Append(" (").Append((int)code).Append(')');
        }

        if (Error?.Code is { } errorCode)
        {
            sb.Append(" code=").Append(errorCode);
        }

        if (ValidationErrors.Count > 0)
        {
            sb.Append(" rules=").AppendJoin(',', ValidationErrors.Select(e => e.Field + ":" + e.Rule));
        }

        if (JobId is not null)
        {
            sb.Append(" job=").Append(JobId).Append(' ').Append(JobConfirmation);
        }

        if (Parts.Count > 0)
        {
            sb.Append(": ").Append(OutcomeText.Describe(Parts));
        }

        return sb.ToString();
    }
}
