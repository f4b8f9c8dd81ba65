using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests.RateLimiting;

/// <summary>
/// What a Redis limiter test needs: its own key prefix (so tests never share Redis state), a fake clock, and a
/// connection per simulated process; the keys are deleted afterwards.
/// </summary>
internal sealed class RateLimiterFixture : IAsyncDisposable
{
    private readonly List<ConnectionMultiplexer> _connections = [];

    private RateLimiterFixture()
    {
    }

    public string KeyPrefix { get; } = "{klaviyo-actions-test-" + Guid.NewGuid().ToString("N") + "}:rate-limit:";

    public ArmedClock Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public static async Task<RateLimiterFixture> StartAsync()
    {
        var fixture = new RateLimiterFixture();
        await fixture.ConnectAsync();
        return fixture;
    }

    /// <summary>A new connection: one more "process".</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var connection = await RedisServer.ConnectAsync();
        _connections.Add(connection);
        return connection;
    }

    /// <summary>A limiter of a new "process" on the shared fake clock.</summary>
    public async Task<RedisKlaviyoRateLimiter> NewProcessAsync(Action<RedisRateLimitingOptions>? configure = null)
    {
        var options = new RedisRateLimitingOptions { KeyPrefix = KeyPrefix };
        configure?.Invoke(options);
        return new RedisKlaviyoRateLimiter(await ConnectAsync(), options, Time);
    }

    /// <summary>Keys the tests wrote.</summary>
    public RedisKey[] Keys() => [.. _connections[0].GetServers().SelectMany(s => s.Keys(pattern: KeyPrefix.Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal) + "*"))];

    public async ValueTask DisposeAsync()
    {
        var keys = Keys();
        if (keys.Length > 0)
        {
            await _connections[0].GetDatabase().KeyDeleteAsync(keys);
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
