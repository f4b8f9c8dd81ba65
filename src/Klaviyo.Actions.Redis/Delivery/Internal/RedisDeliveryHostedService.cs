using Klaviyo.Actions.Mapping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>
/// Runs one <see cref="RedisDeliveryConsumer"/> over the container's <see cref="KlaviyoDestination"/>; on stop it
/// drains within <see cref="KlaviyoBatchingOptions.ShutdownDrainTimeout"/>. Registered after the background
/// batching's shutdown service, so it stops (and drains) before the queue below it closes.
/// </summary>
internal sealed class RedisDeliveryHostedService(IServiceProvider services, RedisDeliveryConnection connection) : IHostedService, IAsyncDisposable
{
    private RedisDeliveryConsumer? _consumer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var destination = services.GetService<KlaviyoDestination>()
            ?? throw new InvalidOperationException("AddRedisDelivery: register the KlaviyoDestination that routes the messages (services.AddSingleton(sp => new KlaviyoDestination(...))).");
        var observers = services.GetServices<IRedisDeliveryObserver>().ToList();
        _consumer = new RedisDeliveryConsumer(
            connection.Connection,
            destination,
            services.GetRequiredService<IOptions<RedisDeliveryOptions>>().Value,
            observers.Count == 0 ? null : new ObserverList(observers),
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>());
        await _consumer.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_consumer is null)
        {
            return;
        }

        var drain = services.GetRequiredService<IOptionsMonitor<KlaviyoClientOptions>>().Get(Options.DefaultName).Batching.ShutdownDrainTimeout;
        await _consumer.StopAsync(drain, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
