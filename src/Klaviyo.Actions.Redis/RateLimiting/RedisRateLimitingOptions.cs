namespace Klaviyo.Actions.Redis;

/// <summary>Settings of the Redis rate limiter (<c>AddKlaviyoActions(...).AddRedisRateLimiting(...)</c>).</summary>
public sealed class RedisRateLimitingOptions
{
    /// <summary>The key prefix used unless configured; the hash tag keeps every limiter key in one cluster slot.</summary>
    public const string DefaultKeyPrefix = "{klaviyo-actions}:rate-limit:";

    /// <summary>The largest <see cref="InstanceCount"/> accepted.</summary>
    public const int MaxInstanceCount = 1000;

    /// <summary>
    /// A StackExchange.Redis configuration string (e.g. <c>redis:6379,password=…</c>) for a connection the limiter opens
    /// and owns. Not needed when a connection is passed in, or when the container has an <c>IConnectionMultiplexer</c>.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// The prefix of every key the limiter writes; keys are <c>{prefix}{account id}:{endpoint}</c>, where the account
    /// id is a SHA-256 of host and API key (never the key). Defaults to <see cref="DefaultKeyPrefix"/>.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>What calls do while Redis cannot be reached. Defaults to <see cref="RedisUnavailableBehavior.FailClosed"/>.</summary>
    public RedisUnavailableBehavior WhenRedisUnavailable { get; set; } = RedisUnavailableBehavior.FailClosed;

    /// <summary>
    /// How many processes share the account (1–1000). With <see cref="RedisUnavailableBehavior.FallBackToLocal"/>, each
    /// process uses Klaviyo's limits divided by this number while Redis cannot be reached. Defaults to 1.
    /// </summary>
    public int InstanceCount { get; set; } = 1;
}
