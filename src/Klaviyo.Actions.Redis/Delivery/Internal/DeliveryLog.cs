using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>Redis delivery's log messages: message ids, partitions, counts and reasons; never message contents or the connection string.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(1, LogLevel.Information, "Redis delivery consumer {Consumer} started ({Partitions} partitions)")]
    public static partial void Started(ILogger logger, string consumer, int partitions);

    [LoggerMessage(2, LogLevel.Information, "Consumer {Consumer} took partitions {Partitions} ({Live} live consumers)")]
    public static partial void Acquired(ILogger logger, string consumer, string partitions, long live);

    [LoggerMessage(3, LogLevel.Information, "Consumer {Consumer} released partitions {Partitions} ({Live} live consumers)")]
    public static partial void Released(ILogger logger, string consumer, string partitions, long live);

    [LoggerMessage(4, LogLevel.Warning, "Consumer {Consumer} lost the lease of partitions {Partitions}; another process delivers them now")]
    public static partial void Lost(ILogger logger, string consumer, string partitions);

    [LoggerMessage(5, LogLevel.Information, "Partition {Partition}: claimed {Count} pending entries")]
    public static partial void Claimed(ILogger logger, int partition, int count);

    [LoggerMessage(6, LogLevel.Warning, "Redis is unreachable ({Operation}: {Error}); retrying, nothing is dropped")]
    public static partial void RedisDown(ILogger logger, string operation, string error);

    [LoggerMessage(7, LogLevel.Information, "Redis answers again ({Operation})")]
    public static partial void RedisBack(ILogger logger, string operation);

    [LoggerMessage(8, LogLevel.Warning, "Message {MessageId} moved to the dead-letter stream: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string reason);

    [LoggerMessage(9, LogLevel.Debug, "Message {MessageId} failed transiently (delivery {Deliveries}); routed again in {Delay}")]
    public static partial void Retrying(ILogger logger, string messageId, int deliveries, TimeSpan delay);

    [LoggerMessage(10, LogLevel.Debug, "Message {MessageId}: an earlier delivery already recorded its outcome")]
    public static partial void AlreadyRecorded(ILogger logger, string messageId);

    [LoggerMessage(11, LogLevel.Error, "The delivery observer failed for message {MessageId}")]
    public static partial void ObserverFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(12, LogLevel.Information, "Consumer {Consumer} stopped: {Left} entries left pending for another process, {Unrecorded} outcomes not recorded (redelivered later)")]
    public static partial void Stopped(ILogger logger, string consumer, int left, int unrecorded);

    [LoggerMessage(13, LogLevel.Error, "Routing failed; the consumer stops reading")]
    public static partial void RoutingFailed(ILogger logger, Exception exception);
}
