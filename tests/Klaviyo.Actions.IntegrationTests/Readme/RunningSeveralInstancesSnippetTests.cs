using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Redis.Delivery;
using Klaviyo.Actions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using StackExchange.Redis;

namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>
/// README "Running several instances": the two calls, over the Redis that <c>.ci/setup-redis.sh</c> starts (127.0.0.1:6379
/// or <c>KLAVIYO_REDIS_TEST</c>; ignored with a message without one, failed under CI=true). A message enqueued through
/// the durable queue reaches the emulator.
/// </summary>
public class RunningSeveralInstancesSnippetTests
{
    private const string Mappings = """{ "settings": {}, "mappings": [ { "name": "Track Event", "action": "trackEvent", "useDefaults": true } ] }""";

    [Test]
    public async Task A_message_in_the_durable_queue_is_delivered_through_the_shared_limiter()
    {
        string configuration = Environment.GetEnvironmentVariable("KLAVIYO_REDIS_TEST") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";
        await using var redis = await ConnectOrIgnoreAsync(configuration);
        string prefix = "klaviyo-actions-readme-" + Guid.NewGuid().ToString("N");
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Klaviyo:ApiKey"] = emulator.ApiKey,
            ["Klaviyo:BaseAddress"] = emulator.BaseAddress.AbsoluteUri,
        });
        var recorded = new OutcomeSignal();
        builder.Services.AddSingleton<IRedisDeliveryObserver>(recorded);

        // README:begin Running several instances
        builder.Services.AddKlaviyoActions(builder.Configuration)
            .AddBackgroundBatching()
            .AddRedisDelivery(redis, o => o.KeyPrefix = prefix) // README: .AddRedisDelivery("redis:6379")      // durable queue, shared by every instance
            .AddRedisRateLimiting(redis); // README: .AddRedisRateLimiting("redis:6379"); // Klaviyo's limits for the account, shared by every instance
        builder.Services.AddSingleton(sp => new KlaviyoDestination(   // routes each stored message: the same mappings everywhere
            DestinationConfiguration.Parse(Mappings), // README: DestinationConfiguration.Parse(File.ReadAllText("mappings.json")),
            sp.GetRequiredService<IKlaviyoClient>(),
            new KlaviyoDestinationOptions { Delivery = sp.GetRequiredService<KlaviyoBatcher>() }));
        // README:end

        await using var app = builder.Build();
        await app.StartAsync();
        var producer = app.Services.GetRequiredService<RedisMessageProducer>();
        var message = SegmentEvent.Parse("""{"type":"track","event":"Product Viewed","userId":"u-readme","messageId":"m-readme","properties":{"product_id":"p-1"},"context":{"traits":{"email":"ada@example.org"}}}""");

        var accepted = await producer.EnqueueAsync([message]);
        var outcome = await recorded.First.WaitAsync(TimeSpan.FromSeconds(30));

        await app.StopAsync();
        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.EqualTo(RedisEnqueueResult.Accepted));
            Assert.That(outcome.MessageId, Is.EqualTo("m-readme"));
            Assert.That(emulator.Events.Count(e => e.MetricName == "Product Viewed"), Is.EqualTo(1), "the queued message reached Klaviyo");
        });
    }

    private static async Task<ConnectionMultiplexer> ConnectOrIgnoreAsync(string configuration)
    {
        try
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.ConnectTimeout = 2000;
            return await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (RedisConnectionException e)
        {
            string message = $"No Redis answers at {configuration} ({e.Message}); .ci/setup-redis.sh starts one.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
            throw;
        }
    }

    /// <summary>Completes with the first outcome the instance records.</summary>
    private sealed class OutcomeSignal : IRedisDeliveryObserver
    {
        private readonly TaskCompletionSource<RedisRecordedOutcome> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<RedisRecordedOutcome> First => _first.Task;

        public void OnRecorded(RedisRecordedOutcome outcome) => _first.TrySetResult(outcome);
    }
}
