using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>
/// The connection Redis delivery uses in a container: the one given to <c>AddRedisDelivery</c> (the caller's to
/// dispose), or one made from the configuration string (disposed with the container). Connecting does not fail when
/// Redis is down: the multiplexer keeps trying, and commands fail fast meanwhile (no backlog).
/// </summary>
internal sealed class RedisDeliveryConnection(IConnectionMultiplexer connection, bool owned) : IAsyncDisposable
{
    public IConnectionMultiplexer Connection { get; } = connection;

    public static RedisDeliveryConnection Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast; // Redis down: a call is refused at once, not held until a timeout
        return new RedisDeliveryConnection(ConnectionMultiplexer.Connect(options), owned: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (owned)
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
