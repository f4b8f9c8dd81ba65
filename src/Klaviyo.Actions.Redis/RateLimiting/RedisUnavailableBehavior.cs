namespace Klaviyo.Actions.Redis;

/// <summary>What Klaviyo calls do while the Redis that shares the rate limits cannot be reached.</summary>
public enum RedisUnavailableBehavior
{
    /// <summary>
    /// Calls fail at once with <see cref="KlaviyoRateLimiterUnavailableException"/>; nothing is sent. The account's limits
    /// are never exceeded, but nothing reaches Klaviyo until Redis is back.
    /// </summary>
    FailClosed,

    /// <summary>
    /// Calls wait in an in-process limiter whose limits are Klaviyo's divided by
    /// <see cref="RedisRateLimitingOptions.InstanceCount"/>, so the processes together stay within the account's limits
    /// as long as no more than that many run.
    /// </summary>
    FallBackToLocal,
}
