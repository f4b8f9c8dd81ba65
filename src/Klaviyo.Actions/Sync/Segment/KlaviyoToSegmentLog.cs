using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Sync.Segment;

/// <summary>Klaviyo → Segment log messages (event ids 4101–4120). Never the write key, an email or a phone number.</summary>
internal static partial class KlaviyoToSegmentLog
{
    [LoggerMessage(EventId = 4101, EventName = "KlaviyoToSegmentStreamStarted", Level = LogLevel.Debug, Message = "Klaviyo → Segment {SyncName}/{Stream}: reading changes after {After:O}")]
    public static partial void StreamStarted(ILogger logger, string syncName, string stream, DateTimeOffset after);

    [LoggerMessage(EventId = 4102, EventName = "KlaviyoToSegmentBatchAccepted", Level = LogLevel.Debug, Message = "Klaviyo → Segment {SyncName}/{Stream}: Segment accepted a batch of {Count} messages ({Bytes} bytes) after {Attempts} attempt(s); cursor at {Position:O}")]
    public static partial void BatchAccepted(ILogger logger, string syncName, string stream, int count, int bytes, int attempts, DateTimeOffset position);

    [LoggerMessage(EventId = 4103, EventName = "KlaviyoToSegmentRetry", Level = LogLevel.Warning, Message = "Segment answered {Status} to a batch of {Count} messages; retrying in {Delay} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void Retrying(ILogger logger, string status, int count, TimeSpan delay, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 4104, EventName = "KlaviyoToSegmentOversized", Level = LogLevel.Warning, Message = "Klaviyo → Segment {SyncName}/{Stream}: the message for Klaviyo {KlaviyoId} is {Bytes} bytes, over Segment's {Limit}-byte limit; not sent, and the cursor moves past it")]
    public static partial void Oversized(ILogger logger, string syncName, string stream, string klaviyoId, int bytes, int limit);

    [LoggerMessage(EventId = 4105, EventName = "KlaviyoToSegmentRunFinished", Level = LogLevel.Information, Message = "Klaviyo → Segment {SyncName} finished: {Result}")]
    public static partial void Finished(ILogger logger, string syncName, KlaviyoToSegmentRunResult result);

    [LoggerMessage(EventId = 4106, EventName = "KlaviyoToSegmentRunStopped", Level = LogLevel.Error, Message = "Klaviyo → Segment {SyncName} stopped early: {Error}; the cursor stays where Segment last accepted")]
    public static partial void Stopped(ILogger logger, string syncName, string error);

    [LoggerMessage(EventId = 4107, EventName = "KlaviyoToSegmentUnknownMetric", Level = LogLevel.Warning, Message = "Klaviyo → Segment {SyncName}: no Klaviyo metric is named '{MetricName}'; its events are not synced")]
    public static partial void UnknownMetric(ILogger logger, string syncName, string metricName);
}
