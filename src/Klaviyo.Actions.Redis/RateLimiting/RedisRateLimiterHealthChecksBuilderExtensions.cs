using Klaviyo.Actions.Redis;
using Klaviyo.Actions.Redis.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the health check of the Redis rate limiter.</summary>
public static class RedisRateLimiterHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of a registration's Redis rate limiter (<c>AddRedisRateLimiting</c>): Healthy while the limits are
    /// shared through Redis; while Redis cannot be reached, Degraded when calls fall back to divided local limits and
    /// Unhealthy (or <paramref name="failureStatus"/>) when they fail closed. It sends nothing to Klaviyo or Redis.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="registrationName">The Klaviyo registration; empty (the default) for <c>AddKlaviyoActions(...)</c> without a name.</param>
    /// <param name="name">The check name. Defaults to <c>klaviyo-redis-rate-limiting</c>.</param>
    /// <param name="failureStatus">Reported while failing closed; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddKlaviyoRedisRateLimiting(
        this IHealthChecksBuilder builder,
        string registrationName = "",
        string name = "klaviyo-redis-rate-limiting",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registrationName);
        ArgumentNullException.ThrowIfNull(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new RedisRateLimiterHealthCheck(
                sp.GetKeyedService<RedisKlaviyoRateLimiter>(RedisRateLimitingBuilderExtensions.ServiceKey(registrationName)) ??
                throw new InvalidOperationException($"The Klaviyo registration '{registrationName}' has no Redis rate limiter: call AddKlaviyoActions(...).AddRedisRateLimiting(...)."),
                registrationName),
            failureStatus,
            tags));
    }
}
