using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Batching;

/// <summary>Batching log messages. No personal data: counts, operations, status codes and Klaviyo error codes only.</summary>
internal static partial class BatchingLog
{
    [LoggerMessage(EventId = 3001, EventName = "FirstItemQueued", Level = LogLevel.Information,
        Message = "The Klaviyo queue received its first item. Each endpoint and list is sent when it holds a full Klaviyo request (or {MaxItems} items or {MaxBytes} bytes), when its oldest item has waited {MaxDelay}, or on FlushAsync.")]
    public static partial void FirstItemQueued(ILogger logger, string maxItems, string maxBytes, TimeSpan maxDelay);

    [LoggerMessage(EventId = 3002, EventName = "Flushing", Level = LogLevel.Debug,
        Message = "Sending {Count} queued Klaviyo items (flush reason: {Reason}).")]
    public static partial void Flushing(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 3003, EventName = "RowsRejected", Level = LogLevel.Warning,
        Message = "Klaviyo rejected {Rejected} of {Rows} rows of a {Operation} request ({Status}); resending the other {Remaining} rows once.")]
    public static partial void RowsRejected(ILogger logger, int rejected, int rows, string operation, int status, int remaining);

    [LoggerMessage(EventId = 3004, EventName = "RequestNotAccepted", Level = LogLevel.Warning,
        Message = "A {Operation} request with {Parts} parts was not accepted: {Outcome} ({Status}, code {Code}).")]
    public static partial void RequestNotAccepted(ILogger logger, string operation, int parts, string outcome, int status, string? code);

    [LoggerMessage(EventId = 3005, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "A {Operation} request with {Parts} parts failed: {ExceptionType}.")]
    public static partial void RequestFailed(ILogger logger, string operation, int parts, string exceptionType);

    [LoggerMessage(EventId = 3006, EventName = "JobUnconfirmed", Level = LogLevel.Warning,
        Message = "Klaviyo import job {JobId} was not confirmed: {Reason}. Its {Rows} items stay accepted, unconfirmed.")]
    public static partial void JobUnconfirmed(ILogger logger, string jobId, string reason, int rows);

    [LoggerMessage(EventId = 3007, EventName = "JobReportedErrors", Level = LogLevel.Warning,
        Message = "Klaviyo import job {JobId} reported {Errors} import errors; {Matched} were matched to items.")]
    public static partial void JobReportedErrors(ILogger logger, string jobId, int errors, int matched);

    [LoggerMessage(EventId = 3008, EventName = "DrainIncomplete", Level = LogLevel.Error,
        Message = "The Klaviyo queue shut down with {Count} items not delivered; each was completed as Failed (\"not delivered before shutdown\").")]
    public static partial void DrainIncomplete(ILogger logger, int count);

    [LoggerMessage(EventId = 3009, EventName = "Drained", Level = LogLevel.Information,
        Message = "The Klaviyo queue drained: {Accepted} accepted, {Invalid} invalid, {Rejected} rejected, {Failed} failed.")]
    public static partial void Drained(ILogger logger, int accepted, int invalid, int rejected, int failed);

    [LoggerMessage(EventId = 3010, EventName = "EngineFault", Level = LogLevel.Error,
        Message = "The Klaviyo bulk engine failed unexpectedly; {Count} unfinished items were completed as Failed.")]
    public static partial void EngineFault(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3011, EventName = "ReceiverFault", Level = LogLevel.Error,
        Message = "Reporting the outcome of a {Action} item failed unexpectedly; the item itself is done.")]
    public static partial void ReceiverFault(ILogger logger, Exception exception, string action);
}
