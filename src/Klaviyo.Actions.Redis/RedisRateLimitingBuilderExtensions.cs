using Klaviyo.Actions.Redis;
using Klaviyo.Actions.Redis.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Shares a Klaviyo registration's rate limits with every process through Redis.</summary>
public static class RedisRateLimitingBuilderExtensions
{
    /// <summary>
    /// Makes the registration's clients wait in a <see cref="RedisKlaviyoRateLimiter"/> over a connection opened from
    /// <paramref name="configuration"/> (owned and closed by the container), so every process using the same account and
    /// Redis stays within Klaviyo's limits together.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</param>
    /// <param name="configure">Key prefix and outage behaviour.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder AddRedisRateLimiting(this IKlaviyoActionsBuilder builder, string configuration, Action<RedisRateLimitingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddRedisRateLimiting(builder, o =>
        {
            o.Configuration = configuration;
            configure?.Invoke(o);
        });
    }

    /// <summary>
    /// Makes the registration's clients wait in a <see cref="RedisKlaviyoRateLimiter"/> over an existing connection (the
    /// caller keeps owning it).
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="redis">The connection.</param>
    /// <param name="configure">Key prefix and outage behaviour.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder AddRedisRateLimiting(this IKlaviyoActionsBuilder builder, IConnectionMultiplexer redis, Action<RedisRateLimitingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return Add(builder, configure ?? (static _ => { }), _ => redis);
    }

    /// <summary>
    /// Makes the registration's clients wait in a <see cref="RedisKlaviyoRateLimiter"/>: over a connection opened from
    /// <see cref="RedisRateLimitingOptions.Configuration"/> when set, else over the container's
    /// <see cref="IConnectionMultiplexer"/>. Options are validated at start; a broken rule stops the host with a message
    /// naming the setting.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder AddRedisRateLimiting(this IKlaviyoActionsBuilder builder, Action<RedisRateLimitingOptions> configure) =>
        Add(builder, configure, connection: null);

    /// <summary>The service key of the Redis limiter of registration <paramref name="registrationName"/>.</summary>
    internal static string ServiceKey(string registrationName) => "Klaviyo.RedisRateLimiter:" + registrationName;

    private static IKlaviyoActionsBuilder Add(
        IKlaviyoActionsBuilder builder,
        Action<RedisRateLimitingOptions> configure,
        Func<IServiceProvider, IConnectionMultiplexer>? connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        string name = builder.Name;
        string key = ServiceKey(name);
        builder.Services.AddOptions<RedisRateLimitingOptions>(name).Configure(configure).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RedisRateLimitingOptions>>(
            sp => new RedisRateLimitingOptionsValidator(name, connection is not null, sp));

        builder.Services.AddKeyedSingleton(key, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<RedisRateLimitingOptions>>().Get(name);
            var time = sp.GetService<TimeProvider>();
            var logs = sp.GetService<ILoggerFactory>();
            if (connection is not null)
            {
                return new RedisKlaviyoRateLimiter(connection(sp), options, time, logs);
            }

            return string.IsNullOrWhiteSpace(options.Configuration) && sp.GetService<IConnectionMultiplexer>() is { } shared
                ? new RedisKlaviyoRateLimiter(shared, options, time, logs)
                : new RedisKlaviyoRateLimiter(options, time, logs);
        });
        builder.UseRateLimiter(sp => sp.GetRequiredKeyedService<RedisKlaviyoRateLimiter>(key));
        return builder;
    }
}
