using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// Runs (a) and (b): the events through <see cref="KlaviyoDestination"/> with the built-in (default) mappings to the
/// emulator, rate limits off, with the background queue (the mappings' <c>enable_batching</c> honoured) or with
/// every action sent at once. Elapsed time covers routing every event until its last outcome (and the queue's
/// final flush).
/// </summary>
internal static class DestinationRun
{
    /// <summary>How the destination hands its actions on.</summary>
    public enum Delivery
    {
        /// <summary>The background queue for batch-flagged mappings.</summary>
        Batched,

        /// <summary>Every action sent at once.</summary>
        Unbatched,

        /// <summary>Nothing sent (the destination's own cost).</summary>
        None,
    }

    public static Task<(RunFigures Figures, IReadOnlyList<RecordedRequest> Recorded)> RunAsync(
        string name,
        KlaviyoEmulator emulator,
        IReadOnlyList<string> events,
        bool batched,
        bool record,
        int concurrency,
        CancellationToken cancellationToken) =>
        RunAsync(name, emulator, events, batched ? Delivery.Batched : Delivery.Unbatched, record, concurrency, batchOrders: false, cancellationToken);

    public static async Task<(RunFigures Figures, IReadOnlyList<RecordedRequest> Recorded)> RunAsync(
        string name,
        KlaviyoEmulator emulator,
        IReadOnlyList<string> events,
        Delivery delivery,
        bool record,
        int concurrency,
        bool batchOrders,
        CancellationToken cancellationToken)
    {
        var options = new KlaviyoClientOptions { ApiKey = emulator.ApiKey, BaseAddress = emulator.BaseAddress };
        options.RateLimiting.Enabled = false;
        using var tally = new RequestTally(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, record);
        using var http = new HttpClient(tally, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new KlaviyoClient(http, options);
        var configuration = DestinationConfiguration.Parse(RunnerMappings.Json);

        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var meter = ProcessMeter.Start();
        KlaviyoBatcher? batcher = delivery == Delivery.Batched ? new KlaviyoBatcher(client, options.Batching) : null;
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

            if (batcher is not null)
            {
                await batcher.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            if (batcher is not null)
            {
                await batcher.DisposeAsync();
            }
        }

        var figures = new RunFigures(name, events.Count, meter.Stop(), new Dictionary<string, int>(tally.ByEndpoint), outcomes);
        return (figures, tally.Recorded);
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
