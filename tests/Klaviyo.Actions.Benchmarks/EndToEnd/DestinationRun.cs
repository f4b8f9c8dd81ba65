using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Benchmarks.Support;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// Runs (m), (a) and (b): the events through <see cref="KlaviyoDestination"/> with the built-in (default) mappings,
/// handing every action to a <see cref="KlaviyoBatcher"/> made for the run (rate limits off). Elapsed time covers
/// routing every event until its last outcome; the destination's stream flushes the queue when the input ends, and
/// the run then drains the queue.
/// </summary>
internal static class DestinationRun
{
    /// <summary>Where the destination's actions go, and whether their mappings batch.</summary>
    public enum Delivery
    {
        /// <summary>(a): the mappings' <c>enable_batching</c> on; the queue sends to the emulator.</summary>
        Batched,

        /// <summary>(b): <c>enable_batching</c> off everywhere; the queue sends every action on its own to the emulator.</summary>
        Unbatched,

        /// <summary>
        /// (m): as (a), but the queue sends to <see cref="AcceptingKlaviyoHandler"/>, in process, which accepts every
        /// request at once. Routing plus the queue (batching, serialization, outcomes), without HTTP.
        /// </summary>
        Accepted,
    }

    /// <summary>Routes the events and waits for every outcome.</summary>
    /// <param name="name">The run's label.</param>
    /// <param name="emulator">The emulator (a) and (b) send to; in (m), only the destination's list look-ups go there.</param>
    /// <param name="events">The events' JSON.</param>
    /// <param name="delivery">Where the actions go.</param>
    /// <param name="record">Keep every request sent to the emulator, for the replay.</param>
    /// <param name="maxSends">The queue's <see cref="KlaviyoBatchingOptions.MaxConcurrentSends"/>; the SDK's default when <see langword="null"/>.</param>
    /// <param name="batchOrders">The destination's <see cref="KlaviyoDestinationOptions.BatchOrderCompleted"/>.</param>
    /// <param name="cancellationToken">Stops reading events.</param>
    public static async Task<(RunFigures Figures, IReadOnlyList<RecordedRequest> Recorded)> RunAsync(
        string name,
        KlaviyoEmulator emulator,
        IReadOnlyList<string> events,
        Delivery delivery,
        bool record,
        int? maxSends,
        bool batchOrders,
        CancellationToken cancellationToken)
    {
        var options = new KlaviyoClientOptions { ApiKey = emulator.ApiKey, BaseAddress = emulator.BaseAddress };
        options.RateLimiting.Enabled = false;
        using var tally = new RequestTally(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, record);
        using var http = new HttpClient(tally, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new KlaviyoClient(http, options);
        var configuration = DestinationConfiguration.Parse(delivery == Delivery.Unbatched ? RunnerMappings.UnbatchedJson : RunnerMappings.Json);
        var batching = new KlaviyoBatchingOptions();
        if (maxSends is { } sends)
        {
            batching.MaxConcurrentSends = sends;
        }

        // (m): the queue sends into the accepting handler; the destination's own client (Engage list look-ups, a
        // handful per run and cached) still reads the emulator, as in earlier sessions, so the emulator holds the
        // audience lists when (a) starts and the replay's twin can mirror them.
        using var accepting = new AcceptingKlaviyoHandler();
        IKlaviyoClient deliveryClient = delivery == Delivery.Accepted ? OfflineKlaviyo.Client(accepting) : client;

        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        using var counters = new BatchingCounters();
        var meter = ProcessMeter.Start();
        var batcher = new KlaviyoBatcher(deliveryClient, batching);
        try
        {
            var destination = new KlaviyoDestination(configuration, client, new KlaviyoDestinationOptions
            {
                Delivery = batcher,
                BatchOrderCompleted = batchOrders,
            });

            await foreach (var result in destination.SendJsonAllAsync(ToAsync(events), cancellationToken))
            {
                Tally(outcomes, result);
            }
        }
        finally
        {
            await batcher.DisposeAsync();
        }

        var usage = meter.Stop();
        var requests = new Dictionary<string, int>(tally.ByEndpoint);
        if (delivery == Delivery.Accepted)
        {
            foreach (var (route, count) in accepting.ByRoute())
            {
                requests["(in process) " + route] = count;
            }
        }

        return (new RunFigures(name, events.Count, usage, requests, outcomes, counters.Counts), tally.Recorded);
    }

    private static void Tally(Dictionary<string, int> outcomes, EventResult result)
    {
        if (result.Error is not null)
        {
            Add(outcomes, "unreadable event");
            return;
        }

        foreach (var outcome in result.Outcomes)
        {
            if (outcome.Kind != MappingOutcomeKind.Skipped)
            {
                Add(outcomes, $"{outcome.Action} {outcome.Kind.ToString().ToLowerInvariant()}");
            }
        }
    }

    private static void Add(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out int n) ? n + 1 : 1;

    private static async IAsyncEnumerable<string?> ToAsync(IReadOnlyList<string> events)
    {
        foreach (string line in events)
        {
            yield return line;
        }

        await Task.CompletedTask;
    }
}
