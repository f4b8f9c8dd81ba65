using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Klaviyo.Actions.Redis.RateLimiting;

/// <summary>
/// Reports how a registration's Klaviyo rate limits are kept: Healthy while they are shared through Redis; while Redis
/// cannot be reached, Degraded when calls fall back to divided local limits, Unhealthy when they fail closed.
/// </summary>
internal sealed class RedisRateLimiterHealthCheck(RedisKlaviyoRateLimiter limiter, string registrationName) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["registration"] = registrationName,
            ["whenRedisUnavailable"] = limiter.WhenRedisUnavailable.ToString(),
            ["instanceCount"] = limiter.InstanceCount,
        };

        if (!limiter.IsRedisUnavailable)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Klaviyo rate limits are shared through Redis.", data));
        }

        return Task.FromResult(limiter.WhenRedisUnavailable == RedisUnavailableBehavior.FallBackToLocal
            ? HealthCheckResult.Degraded(
                $"Redis cannot be reached: Klaviyo calls use in-process limits divided by {limiter.InstanceCount} (RedisRateLimiting:InstanceCount).", data: data)
            : new HealthCheckResult(
                context?.Registration.FailureStatus ?? HealthStatus.Unhealthy,
                "Redis cannot be reached: Klaviyo calls fail closed and nothing is sent (RedisRateLimiting:WhenRedisUnavailable = FailClosed).",
                data: data));
    }
}
