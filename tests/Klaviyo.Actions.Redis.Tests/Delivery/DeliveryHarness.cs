using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Redis.Delivery;
using Klaviyo.Actions.Testing;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests.Delivery;

/// <summary>
/// One test's deployment: a unique key prefix on the test Redis (deleted afterwards), an emulator for Klaviyo over
/// loopback, and consumers each with their own destination and delivery queue, as separate processes would have.
/// </summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    public const string Mappings = """
        { "settings": {}, "mappings": [
          { "name": "Identify", "action": "upsertProfile", "trigger": "type = \"identify\"",
            "mapping": { "enable_batching": true, "email": { "@path": "$.traits.email" }, "external_id": { "@path": "$.userId" } } },
          { "name": "Track", "action": "trackEvent", "useDefaults": true, "mapping": { "enable_batching": true },
            "trigger": "type = \"track\" and event != \"Subscribe\" and event != \"Unsubscribe\"" },
          { "name": "Subscribe", "action": "subscribeProfile", "trigger": "type = \"track\" and event = \"Subscribe\"",
            "mapping": { "enable_batching": true, "email": { "@path": "$.properties.email" } } },
          { "name": "Unsubscribe", "action": "unsubscribeProfile", "trigger": "type = \"track\" and event = \"Unsubscribe\"",
            "mapping": { "enable_batching": true, "email": { "@path": "$.properties.email" } } }
        ] }
        """;

    private readonly List<RedisDeliveryConsumer> _consumers = [];
    private readonly List<KlaviyoBatcher> _batchers = [];

    private DeliveryHarness(IConnectionMultiplexer redis, KlaviyoEmulator emulator, RedisDeliveryOptions options)
    {
        Redis = redis;
        Emulator = emulator;
        Options = options;
        Producer = new RedisMessageProducer(redis, options);
        Reader = new RedisOutcomeReader(redis, options);
    }

    public IConnectionMultiplexer Redis { get; }

    public KlaviyoEmulator Emulator { get; }

    public RedisDeliveryOptions Options { get; }

    public RedisMessageProducer Producer { get; }

    public RedisOutcomeReader Reader { get; }

    public OutcomeCollector Outcomes { get; } = new();

    /// <summary>Whether the client retries (off for tests that want a transient failure to reach the consumer).</summary>
    public bool ClientRetries { get; set; } = true;

    public string Prefix => Options.KeyPrefix;

    public static async Task<DeliveryHarness> StartAsync(IConnectionMultiplexer redis, Action<RedisDeliveryOptions>? configure = null)
    {
        var options = new RedisDeliveryOptions
        {
            KeyPrefix = "klaviyo-actions-test-" + Guid.NewGuid().ToString("N")[..12],
            Partitions = 8,
            LeaseDuration = TimeSpan.FromSeconds(1),
            PollInterval = TimeSpan.FromMilliseconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        var emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions
        {
            ImportJobQueuedTime = TimeSpan.Zero,
            ImportJobProcessingTime = TimeSpan.Zero,
            RequestLogCapacity = 20_000,
        });
        return new DeliveryHarness(redis, emulator, options);
    }

    /// <summary>A consumer with its own client, queue and destination (as another process would have); not started.</summary>
    public RedisDeliveryConsumer CreateConsumer(string name, IRedisDeliveryObserver? observer = null)
    {
        var client = new KlaviyoClient(new KlaviyoClientOptions
        {
            ApiKey = Emulator.ApiKey,
            BaseAddress = Emulator.BaseAddress,
            RateLimiting = { Enabled = false },
            Resilience = { Enabled = ClientRetries },
        });
        var batcher = new KlaviyoBatcher(client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromMilliseconds(100) });
        _batchers.Add(batcher);
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(Mappings), client, new KlaviyoDestinationOptions { Delivery = batcher });
        var options = Copy(Options);
        options.ConsumerName = name;
        var consumer = new RedisDeliveryConsumer(Redis, destination, options, observer ?? Outcomes);
        _consumers.Add(consumer);
        return consumer;
    }

    public async Task<RedisDeliveryConsumer> StartConsumerAsync(string name, IRedisDeliveryObserver? observer = null)
    {
        var consumer = CreateConsumer(name, observer);
        await consumer.StartAsync();
        return consumer;
    }

    public Task<RedisEnqueueResult> EnqueueAsync(IEnumerable<string> json, TimeSpan? wait = null) =>
        Producer.EnqueueAsync([.. json.Select(SegmentEvent.Parse)], wait ?? TimeSpan.Zero);

    /// <summary>Every outcome in the outcome stream, whoever recorded it.</summary>
    public async Task<List<RedisOutcomeEntry>> AllOutcomesAsync()
    {
        var all = new List<RedisOutcomeEntry>();
        string? after = null;
        while (true)
        {
            var page = await Reader.ReadAsync(after, 1000);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].Id;
        }
    }

    public RedisKey Key(string suffix) => "{" + Prefix + "}:" + suffix;

    public static string Identify(string user, string messageId) =>
        $$$"""{"type":"identify","userId":"{{{user}}}","messageId":"{{{messageId}}}","traits":{"email":"{{{user}}}@shop-demo.test"}}""";

    public static string Track(string user, string messageId, string name = "Viewed Product") =>
        $$$"""{"type":"track","event":"{{{name}}}","userId":"{{{user}}}","messageId":"{{{messageId}}}","properties":{"email":"{{{user}}}@shop-demo.test","sku":"s1"}}""";

    public async ValueTask DisposeAsync()
    {
        foreach (var consumer in _consumers)
        {
            await consumer.DisposeAsync();
        }

        foreach (var batcher in _batchers)
        {
            await batcher.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        await DeleteKeysAsync(Redis, Prefix);
    }

    /// <summary>Deletes every key of a prefix (the test's deployment).</summary>
    public static async Task DeleteKeysAsync(IConnectionMultiplexer redis, string prefix)
    {
        try
        {
            var db = redis.GetDatabase();
            foreach (var endpoint in redis.GetEndPoints())
            {
                var server = redis.GetServer(endpoint);
                await foreach (var key in server.KeysAsync(pattern: "{" + prefix + "}:*"))
                {
                    await db.KeyDeleteAsync(key);
                }
            }
        }
        catch (RedisException)
        {
            // The server of a restart test may be gone already.
        }
    }

    private static RedisDeliveryOptions Copy(RedisDeliveryOptions o) => new()
    {
        KeyPrefix = o.KeyPrefix,
        Partitions = o.Partitions,
        MaxOutstanding = o.MaxOutstanding,
        ConsumerGroup = o.ConsumerGroup,
        LeaseDuration = o.LeaseDuration,
        ClaimIdleTimeout = o.ClaimIdleTimeout,
        MaxDeliveries = o.MaxDeliveries,
        RetryDelay = o.RetryDelay,
        MaxRetryDelay = o.MaxRetryDelay,
        ReadBatchSize = o.ReadBatchSize,
        MaxInFlight = o.MaxInFlight,
        PollInterval = o.PollInterval,
        RecordBatchSize = o.RecordBatchSize,
        OutcomeStreamMaxLength = o.OutcomeStreamMaxLength,
        EnqueueTimeout = o.EnqueueTimeout,
    };
}
