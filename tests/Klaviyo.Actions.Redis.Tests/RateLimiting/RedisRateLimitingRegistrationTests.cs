using System.Threading.RateLimiting;
using Klaviyo.Actions.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Redis.Tests.RateLimiting;

/// <summary><c>AddKlaviyoActions(...).AddRedisRateLimiting(...)</c>: ownership, sharing, validation and the health check.</summary>
public sealed class RedisRateLimitingRegistrationTests
{
    [Test]
    public async Task Clients_of_a_registration_share_one_redis_limiter_and_the_health_check_sees_it()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var redis = await f.ConnectAsync();
        var services = new ServiceCollection();
        services.AddKlaviyoActions(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.ApiKey = emulator.ApiKey;
        }).AddRedisRateLimiting(redis, o => o.KeyPrefix = f.KeyPrefix);
        services.AddKlaviyoActions("other", o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.ApiKey = emulator.ApiKey;
        });
        services.AddHealthChecks().AddKlaviyoRedisRateLimiting();
        await using var provider = services.BuildServiceProvider();

        var limiter = provider.GetRequiredKeyedService<RedisKlaviyoRateLimiter>(RedisRateLimitingBuilderExtensions.ServiceKey(""));
        var factory = provider.GetRequiredService<IKlaviyoClientFactory>();
        await factory.CreateClient().CreateListAsync("one");
        await factory.CreateClient().CreateListAsync("two");
        await factory.CreateClient("other").CreateListAsync("in-process");
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Multiple(() =>
        {
            Assert.That(limiter.GetStatistics(null!)!.TotalSuccessfulLeases, Is.EqualTo(2), "both default clients waited in the Redis limiter, the other registration did not");
            Assert.That(provider.GetRequiredService<KlaviyoInProcessRateLimiter>().GetStatistics(null!)!.TotalSuccessfulLeases, Is.EqualTo(1));
            Assert.That(f.Keys(), Has.Length.EqualTo(1));
            Assert.That(report.Entries["klaviyo-redis-rate-limiting"].Status, Is.EqualTo(HealthStatus.Healthy));
        });
    }

    [Test]
    public async Task The_container_disposes_a_connection_it_opened_and_keeps_one_it_was_given()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        var given = await f.ConnectAsync();
        var services = new ServiceCollection();
        services.AddKlaviyoActions(o => o.ApiKey = "pk_test-not-a-key").AddRedisRateLimiting(given);
        services.AddKlaviyoActions("owned", o => o.ApiKey = "pk_test-not-a-key").AddRedisRateLimiting(RedisServer.Configuration, o => o.KeyPrefix = f.KeyPrefix);
        var provider = services.BuildServiceProvider();
        var owned = provider.GetRequiredKeyedService<RedisKlaviyoRateLimiter>(RedisRateLimitingBuilderExtensions.ServiceKey("owned"));
        using var lease = await owned.AcquireAsync(new KlaviyoRateLimitRequest("account-" + Guid.NewGuid().ToString("N"), "get_accounts", new KlaviyoRateLimitWindows(1, 15), TimeSpan.Zero));
        Assert.That(lease.IsAcquired, Is.True, "the owned connection reached Redis");
        _ = provider.GetRequiredKeyedService<PartitionedRateLimiter<KlaviyoRateLimitRequest>>("Klaviyo.RateLimiter:");

        await provider.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(given.IsConnected, Is.True, "the caller's connection stays open");
            Assert.That(() => owned.AttemptAcquire(new KlaviyoRateLimitRequest("a", "get_accounts", new KlaviyoRateLimitWindows(1, 15), TimeSpan.Zero)), Throws.InstanceOf<ObjectDisposedException>());
        });
    }

    [Test]
    public void Invalid_options_stop_the_start_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddKlaviyoActions(o => o.ApiKey = "pk_test-not-a-key").AddRedisRateLimiting(o =>
        {
            o.InstanceCount = 0;
            o.KeyPrefix = "";
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<RedisRateLimitingOptions>>().Get(Options.DefaultName));
        Assert.That(error!.Failures, Has.Some.Contains("RedisRateLimiting:InstanceCount must be between 1 and 1000")
            .And.Some.Contains("RedisRateLimiting:KeyPrefix must not be empty")
            .And.Some.Contains("RedisRateLimiting:Configuration is missing"));
    }
}
