using Klaviyo.Actions.Redis.Delivery;
using Klaviyo.Actions.Redis.Delivery.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers durable delivery on Redis Streams for the default Klaviyo registration.</summary>
public static class RedisDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Adds durable delivery on Redis Streams: a <see cref="RedisMessageProducer"/> (store accepted messages, all of a
    /// call or none), a hosted <see cref="RedisDeliveryConsumer"/> that delivers them through the container's
    /// <c>KlaviyoDestination</c>, and a <see cref="RedisOutcomeReader"/>. Register the destination yourself, every
    /// <see cref="IRedisDeliveryObserver"/> you want told of outcomes, and call this after
    /// <c>AddBackgroundBatching()</c> so delivery drains before the queue below it closes.
    /// </summary>
    /// <param name="builder">The default registration (<c>AddKlaviyoActions(...)</c>).</param>
    /// <param name="configuration">A StackExchange.Redis configuration string (<c>host:port,...</c>).</param>
    /// <param name="configure">Further options.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder AddRedisDelivery(this IKlaviyoActionsBuilder builder, string configuration, Action<RedisDeliveryOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return AddRedisDelivery(builder, options =>
        {
            options.Configuration = configuration;
            configure?.Invoke(options);
        });
    }

    /// <summary>Adds durable delivery on Redis Streams over an existing connection (not disposed by the container).</summary>
    /// <param name="builder">The default registration.</param>
    /// <param name="connection">The connection.</param>
    /// <param name="configure">Further options.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder AddRedisDelivery(this IKlaviyoActionsBuilder builder, IConnectionMultiplexer connection, Action<RedisDeliveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        builder = Register(builder, configure ?? (_ => { }));
        builder.Services.TryAddSingleton(new RedisDeliveryConnection(connection, owned: false));
        return builder;
    }

    /// <summary>Adds durable delivery on Redis Streams configured by <paramref name="configure"/> (which sets <see cref="RedisDeliveryOptions.Configuration"/>).</summary>
    /// <param name="builder">The default registration.</param>
    /// <param name="configure">The options, the connection string included.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder AddRedisDelivery(this IKlaviyoActionsBuilder builder, Action<RedisDeliveryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder = Register(builder, configure);
        builder.Services.TryAddSingleton(sp => RedisDeliveryConnection.Connect(
            sp.GetRequiredService<IOptions<RedisDeliveryOptions>>().Value.Configuration is { Length: > 0 } configuration
                ? configuration
                : throw new OptionsValidationException(nameof(RedisDeliveryOptions), typeof(RedisDeliveryOptions), ["RedisDeliveryOptions.Configuration is required: a Redis connection string."])));
        return builder;
    }

    private static IKlaviyoActionsBuilder Register(IKlaviyoActionsBuilder builder, Action<RedisDeliveryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Name.Length != 0)
        {
            throw new NotSupportedException("Redis delivery is registered for the default Klaviyo registration; for a named account create a RedisDeliveryConsumer yourself.");
        }

        var services = builder.Services;
        services.AddOptions<RedisDeliveryOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisDeliveryOptions>, RedisDeliveryOptionsValidator>());
        services.TryAddSingleton(sp => new RedisMessageProducer(
            sp.GetRequiredService<RedisDeliveryConnection>().Connection,
            sp.GetRequiredService<IOptions<RedisDeliveryOptions>>().Value,
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new RedisOutcomeReader(
            sp.GetRequiredService<RedisDeliveryConnection>().Connection,
            sp.GetRequiredService<IOptions<RedisDeliveryOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisDeliveryHostedService>());
        return builder;
    }
}
