using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Diagnostics;

/// <summary>
/// Every log message of the core package, with stable event ids (1–99). Messages carry the operation, HTTP
/// method, path without query, status, durations and attempt numbers — never the API key, request or response
/// bodies, query strings (they hold filters with emails) or exception messages (a handler may quote the URI).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "KlaviyoRequestCompleted", Level = LogLevel.Debug,
        Message = "Klaviyo {Operation} {Method} {Path} answered {StatusCode} in {DurationMs:0.0} ms (attempt {Attempt}).")]
    public static partial void RequestCompleted(ILogger logger, string operation, string method, string path, int statusCode, double durationMs, int attempt);

    [LoggerMessage(EventId = 2, EventName = "KlaviyoAttemptFailed", Level = LogLevel.Debug,
        Message = "Klaviyo {Operation} {Method} {Path} failed with {ErrorType} after {DurationMs:0.0} ms (attempt {Attempt}).")]
    public static partial void AttemptFailed(ILogger logger, string operation, string method, string path, string errorType, double durationMs, int attempt);

    [LoggerMessage(EventId = 3, EventName = "KlaviyoRetryScheduled", Level = LogLevel.Warning,
        Message = "Klaviyo {Operation} attempt {Attempt} got {Outcome}; retrying in {DelayMs:0} ms (delay from {DelaySource}).")]
    public static partial void RetryScheduled(ILogger logger, string operation, int attempt, string outcome, double delayMs, string delaySource);

    [LoggerMessage(EventId = 4, EventName = "KlaviyoRateLimiterWait", Level = LogLevel.Warning,
        Message = "Klaviyo {Operation} waits {DelayMs:0} ms for a slot in the client-side rate limiter ({BurstLimit}/s, {SteadyLimit}/min).")]
    public static partial void RateLimiterWait(ILogger logger, string operation, double delayMs, int burstLimit, int steadyLimit);

    [LoggerMessage(EventId = 5, EventName = "KlaviyoRateLimiterShortWait", Level = LogLevel.Debug,
        Message = "Klaviyo {Operation} waits {DelayMs:0} ms for a slot in the client-side rate limiter ({BurstLimit}/s, {SteadyLimit}/min).")]
    public static partial void RateLimiterShortWait(ILogger logger, string operation, double delayMs, int burstLimit, int steadyLimit);

    [LoggerMessage(EventId = 6, EventName = "KlaviyoRateLimiterRejected", Level = LogLevel.Warning,
        Message = "Klaviyo {Operation} would wait {DelayMs:0} ms for the client-side rate limiter, more than RateLimiting:MaxWait ({MaxWaitMs:0} ms); the call fails.")]
    public static partial void RateLimiterRejected(ILogger logger, string operation, double delayMs, double maxWaitMs);

    [LoggerMessage(EventId = 7, EventName = "KlaviyoRequestFailed", Level = LogLevel.Error,
        Message = "Klaviyo {Operation} {Method} {Path} failed with {StatusCode} after {Attempts} attempt(s) in {ElapsedMs:0} ms.")]
    public static partial void RequestFailed(ILogger logger, string operation, string method, string path, int statusCode, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 8, EventName = "KlaviyoRequestFailedWithException", Level = LogLevel.Error,
        Message = "Klaviyo {Operation} {Method} {Path} failed with {ErrorType} after {Attempts} attempt(s) in {ElapsedMs:0} ms.")]
    public static partial void RequestFailedWithException(ILogger logger, string operation, string method, string path, string errorType, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 9, EventName = "KlaviyoRequestCanceled", Level = LogLevel.Debug,
        Message = "Klaviyo {Operation} {Method} {Path} was canceled by the caller after {Attempts} attempt(s).")]
    public static partial void RequestCanceled(ILogger logger, string operation, string method, string path, int attempts);
}
