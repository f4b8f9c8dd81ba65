namespace Klaviyo.Actions.Redis;

/// <summary>
/// The Redis that shares the account's rate limits cannot be reached and
/// <see cref="RedisRateLimitingOptions.WhenRedisUnavailable"/> is <see cref="RedisUnavailableBehavior.FailClosed"/>:
/// the call was not sent to Klaviyo and can be repeated once Redis is back.
/// </summary>
public sealed class KlaviyoRateLimiterUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">Klaviyo's operation id, e.g. <c>create_event</c>.</param>
    /// <param name="innerException">The Redis failure, when there was one (none when the connection was already known to be down).</param>
    public KlaviyoRateLimiterUnavailableException(string operation, Exception? innerException)
        : base(
            $"The Klaviyo call '{operation}' was not sent: the shared rate limiter in Redis cannot be reached and RedisRateLimiting:WhenRedisUnavailable is FailClosed. Repeat the call once Redis is back, or choose FallBackToLocal with an InstanceCount.",
            innerException)
    {
        Operation = operation;
    }

    /// <summary>Klaviyo's operation id.</summary>
    public string Operation { get; }
}
