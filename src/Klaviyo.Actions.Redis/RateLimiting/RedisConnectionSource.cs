using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.RateLimiting;

/// <summary>
/// The limiter's Redis connection: one passed in (the caller owns it) or one opened from a configuration string (owned
/// and disposed with the limiter). An owned connection is opened in the background, fails fast while disconnected and
/// keeps reconnecting, so a Redis that is down at start behaves like one that goes down later.
/// </summary>
internal sealed class RedisConnectionSource : IDisposable
{
    private readonly Task<IConnectionMultiplexer> _connecting;
    private readonly bool _owned;

    private RedisConnectionSource(Task<IConnectionMultiplexer> connecting, bool owned)
    {
        _connecting = connecting;
        _owned = owned;
    }

    /// <summary>The connection once it is open, else <see langword="null"/>.</summary>
    public IConnectionMultiplexer? Current { get; private set; }

    /// <summary>A caller's connection.</summary>
    public static RedisConnectionSource Borrow(IConnectionMultiplexer redis) =>
        new(Task.FromResult(redis), owned: false) { Current = redis };

    /// <summary>A connection opened from <paramref name="configuration"/>, owned by the source.</summary>
    public static RedisConnectionSource Open(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return new RedisConnectionSource(ConnectAsync(options), owned: true);
    }

    /// <summary>The connection, waiting for the first connection attempt; <see langword="null"/> if it could not be created.</summary>
    public async ValueTask<IConnectionMultiplexer?> GetAsync()
    {
        if (Current is { } current)
        {
            return current;
        }

        try
        {
            Current = await _connecting.ConfigureAwait(false);
            return Current;
        }
        catch (RedisException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_owned)
        {
            return;
        }

        if (Current is { } current)
        {
            current.Dispose();
        }
        else
        {
            _ = DisposeWhenOpenAsync(_connecting);
        }
    }

    private static async Task DisposeWhenOpenAsync(Task<IConnectionMultiplexer> connecting)
    {
        try
        {
            var redis = await connecting.ConfigureAwait(false);
            await redis.DisposeAsync().ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // Never opened: nothing to close.
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions options) =>
        await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
}
