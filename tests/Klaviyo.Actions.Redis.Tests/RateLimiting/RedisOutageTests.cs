using Klaviyo.Actions.Redis.RateLimiting;
using Klaviyo.Actions.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests.RateLimiting;

/// <summary>The limiter while its own <c>redis-server</c> is killed and started again.</summary>
public sealed class RedisOutageTests
{
    private static readonly KlaviyoRateLimitWindows M = new(10, 150);

    [Test]
    public async Task Failing_closed_refuses_calls_without_sending_them_logs_once_is_unhealthy_and_recovers()
    {
        await using var server = await OwnRedisServer.StartAsync();
        await using var redis = await server.ConnectAsync();
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        using var limiter = new RedisKlaviyoRateLimiter(redis, new RedisRateLimitingOptions { WhenRedisUnavailable = RedisUnavailableBehavior.FailClosed }, loggerFactory: loggerFactory);
        var health = new RedisRateLimiterHealthCheck(limiter, "");
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var client = new KlaviyoClient(new KlaviyoClientOptions { BaseAddress = emulator.BaseAddress, ApiKey = emulator.ApiKey }, limiter);

        await client.CreateListAsync("before");
        Assert.That((await CheckAsync(health)).Status, Is.EqualTo(HealthStatus.Healthy));

        await KillAndWaitForDisconnectAsync(server, redis);
        for (int i = 0; i < 3; i++)
        {
            var error = Assert.ThrowsAsync<KlaviyoRateLimiterUnavailableException>(() => client.CreateListAsync($"during-{i}"));
            Assert.That(error!.Operation, Is.EqualTo("create_list"));
        }

        var unhealthy = await CheckAsync(health);
        Assert.Multiple(() =>
        {
            Assert.That(emulator.RequestLog, Has.Count.EqualTo(1), "nothing was sent while failing closed");
            Assert.That(unhealthy.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(unhealthy.Description, Does.Contain("fail closed"));
            Assert.That(logs.GetSnapshot().Count(r => r.Id.Id == 350), Is.EqualTo(1), "logged once per outage");
        });

        await StartAndWaitForReconnectAsync(server, redis);
        await client.CreateListAsync("after");
        var healthy = await CheckAsync(health);
        Assert.Multiple(() =>
        {
            Assert.That(emulator.RequestLog, Has.Count.EqualTo(2));
            Assert.That(healthy.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(logs.GetSnapshot().Count(r => r.Id.Id == 352), Is.EqualTo(1), "recovery logged once");
            Assert.That(logs.GetSnapshot().Count(r => r.Id.Id == 350), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Falling_back_uses_the_limits_divided_by_the_instance_count_is_degraded_and_goes_back_to_redis()
    {
        await using var server = await OwnRedisServer.StartAsync();
        await using var redis = await server.ConnectAsync();
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        var time = new ArmedClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var limiter = new RedisKlaviyoRateLimiter(
            redis,
            new RedisRateLimitingOptions { WhenRedisUnavailable = RedisUnavailableBehavior.FallBackToLocal, InstanceCount = 2 },
            time,
            loggerFactory);
        var health = new RedisRateLimiterHealthCheck(limiter, "");
        var request = new KlaviyoRateLimitRequest("account-" + Guid.NewGuid().ToString("N"), "add_profiles_to_list", M, TimeSpan.Zero);

        Assert.That(await GrantedAsync(limiter, request, 12), Is.EqualTo(10), "Redis: the full burst");

        await KillAndWaitForDisconnectAsync(server, redis);
        time.Advance(TimeSpan.FromSeconds(1));
        int duringOutage = await GrantedAsync(limiter, request, 12);
        var degraded = await CheckAsync(health);
        Assert.Multiple(() =>
        {
            Assert.That(duringOutage, Is.EqualTo(5), "10 per second divided by 2 instances");
            Assert.That(degraded.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(degraded.Description, Does.Contain("divided by 2"));
            Assert.That(logs.GetSnapshot().Count(r => r.Id.Id == 351), Is.EqualTo(1), "logged once per outage");
        });

        await StartAndWaitForReconnectAsync(server, redis);
        time.Advance(TimeSpan.FromSeconds(1));
        int afterRecovery = await GrantedAsync(limiter, request, 12);
        var healthy = await CheckAsync(health);
        Assert.Multiple(() =>
        {
            Assert.That(afterRecovery, Is.EqualTo(10), "back on Redis: the full burst");
            Assert.That(healthy.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(logs.GetSnapshot().Count(r => r.Id.Id == 352), Is.EqualTo(1), "recovery logged once");
        });
    }

    private static async Task<int> GrantedAsync(RedisKlaviyoRateLimiter limiter, KlaviyoRateLimitRequest request, int calls)
    {
        int granted = 0;
        for (int i = 0; i < calls; i++)
        {
            using var lease = await limiter.AcquireAsync(request);
            granted += lease.IsAcquired ? 1 : 0;
        }

        return granted;
    }

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("klaviyo-redis-rate-limiting", check, HealthStatus.Unhealthy, null),
        });

    private static async Task KillAndWaitForDisconnectAsync(OwnRedisServer server, ConnectionMultiplexer redis)
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                lost.TrySetResult();
            }
        };
        await server.KillAsync();
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(redis.IsConnected, Is.False);
    }

    private static async Task StartAndWaitForReconnectAsync(OwnRedisServer server, ConnectionMultiplexer redis)
    {
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                restored.TrySetResult();
            }
        };
        await server.RestartAsync();
        await restored.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(redis.IsConnected, Is.True);
    }
}
