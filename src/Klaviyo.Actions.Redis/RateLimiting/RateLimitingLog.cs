using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Redis.RateLimiting;

/// <summary>Log messages of the Redis rate limiter, with stable event ids (350–359). Never an API key or a Redis password.</summary>
internal static partial class RateLimitingLog
{
    [LoggerMessage(EventId = 350, EventName = "KlaviyoRedisRateLimiterFailingClosed", Level = LogLevel.Error,
        Message = "Redis cannot be reached for the shared Klaviyo rate limits: Klaviyo calls fail closed (nothing is sent) until it is back (RedisRateLimiting:WhenRedisUnavailable = FailClosed).")]
    public static partial void FailingClosed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 351, EventName = "KlaviyoRedisRateLimiterFallingBack", Level = LogLevel.Warning,
        Message = "Redis cannot be reached for the shared Klaviyo rate limits: Klaviyo calls use in-process limits divided by {InstanceCount} (RedisRateLimiting:InstanceCount) until it is back.")]
    public static partial void FallingBack(ILogger logger, int instanceCount, Exception? exception);

    [LoggerMessage(EventId = 352, EventName = "KlaviyoRedisRateLimiterRecovered", Level = LogLevel.Information,
        Message = "Redis is reachable again: Klaviyo rate limits are shared through Redis again after {OutageSeconds:0.#} s.")]
    public static partial void Recovered(ILogger logger, double outageSeconds);
}
