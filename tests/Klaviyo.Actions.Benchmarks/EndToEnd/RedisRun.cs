using System.Collections.Concurrent;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Benchmarks.SegmentWorkload;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Redis.Delivery;
using Klaviyo.Actions.Testing;
using StackExchange.Redis;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// (r): (a) through durable delivery on Redis Streams: the events are stored by a <see cref="RedisMessageProducer"/>
/// in calls of 100 (as a web tier would) while one <see cref="RedisDeliveryConsumer"/> reads them, routes them through
/// the same destination and queue as (a) and records each outcome. Elapsed time runs from the first call to the last
/// recorded outcome. Counts the Redis round trips (the multiplexer's operations) per event and the peak resident memory.
/// </summary>
internal static class RedisRun
{
    public static async Task<(RunFigures Figures, double RoundTripsPerEvent, long PeakRss)> RunAsync(
        string name, KlaviyoEmulator emulator, IReadOnlyList<string> events, string redisConfiguration, int? maxSends, CancellationToken cancellationToken)
    {
        var options = new KlaviyoClientOptions { ApiKey = emulator.ApiKey, BaseAddress = emulator.BaseAddress };
        options.RateLimiting.Enabled = false;
        using var tally = new RequestTally(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, record: false);
        using var http = new HttpClient(tally, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new KlaviyoClient(http, options);
        var batching = new KlaviyoBatchingOptions();
        if (maxSends is { } sends)
        {
            batching.MaxConcurrentSends = sends;
        }

        var messages = new List<SegmentEvent>(events.Count);
        foreach (string line in events)
        {
            if (SegmentEvent.TryParse(line, out var message, out _) && message!.MessageId is not null)
            {
                messages.Add(message);
            }
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
        var delivery = new RedisDeliveryOptions
        {
            KeyPrefix = "klaviyo-actions-bench-" + Guid.NewGuid().ToString("N")[..8],
            MaxOutstanding = messages.Count + 1,
        };
        var observer = new CountingObserver(messages.Count);
        await using var batcher = new KlaviyoBatcher(client, batching);
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(RunnerMappings.Json), client, new KlaviyoDestinationOptions { Delivery = batcher });
        ResetPeak();
        var meter = ProcessMeter.Start();
        long operations = redis.OperationCount;
        await using var consumer = new RedisDeliveryConsumer(redis, destination, delivery, observer);
        await consumer.StartAsync(cancellationToken);
        foreach (var call in messages.Chunk(100))
        {
            if (await new RedisMessageProducer(redis, delivery).EnqueueAsync(call, TimeSpan.FromMinutes(5), cancellationToken) != RedisEnqueueResult.Accepted)
            {
                throw new InvalidOperationException("The Redis queue stayed full.");
            }
        }

        await observer.AllRecorded.WaitAsync(TimeSpan.FromMinutes(30), cancellationToken);
        var usage = meter.Stop();
        long roundTrips = redis.OperationCount - operations;
        long peak = ProcessMemory.PeakResidentBytes();
        await consumer.StopAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: "{" + delivery.KeyPrefix + "}:*"))
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }

        var figures = new RunFigures(name, messages.Count, usage, new Dictionary<string, int>(tally.ByEndpoint), observer.ByStatus());
        return (figures, roundTrips / (double)messages.Count, peak);
    }

    /// <summary>Resets the kernel's peak resident memory of this process (Linux), so the next peak is the next run's.</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak is the process's so far.
        }
    }

    private sealed class CountingObserver(int expected) : IRedisDeliveryObserver
    {
        private readonly ConcurrentDictionary<string, int> _byStatus = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _recorded;

        public Task AllRecorded => _all.Task;

        public Dictionary<string, int> ByStatus() => new(_byStatus, StringComparer.Ordinal);

        public void OnRecorded(RedisRecordedOutcome outcome)
        {
            _byStatus.AddOrUpdate("message " + outcome.Status.ToString().ToLowerInvariant(), 1, (_, n) => n + 1);
            if (Interlocked.Increment(ref _recorded) == expected)
            {
                _all.TrySetResult();
            }
        }
    }
}
