using System.Runtime;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Benchmarks.EndToEnd;
using Klaviyo.Actions.Benchmarks.Support;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>
/// One measurement, in this process (the child): a <see cref="KlaviyoDestination"/> with the workload's single
/// mapping (<see cref="WorkloadMappings"/>), delivering through a <see cref="KlaviyoBatcher"/> with its default options
/// over <see cref="AcceptingKlaviyoHandler"/> (Klaviyo answering 202 at once, in process). First the warm-up batches
/// (1,000 events each, untimed, each its own stream), then the measured events; the figures cover the measured
/// events from the first read to the last result.
/// </summary>
internal static class WorkloadRun
{
    public static async Task<WorkloadFigures> RunAsync(WorkloadKind kind, int events, int warmupBatches, string feed)
    {
        // What writing the input costs, measured before anything else runs (and included in the run's CPU).
        var generation = WorkloadEvents.GenerationCost(kind, 20_000);

        using var klaviyo = new AcceptingKlaviyoHandler();
        var client = OfflineKlaviyo.Client(klaviyo);
        var delivery = new KlaviyoBatcher(client);
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(WorkloadMappings.For(kind)), client, new KlaviyoDestinationOptions { Delivery = delivery });
        try
        {
            const int Batch = WorkloadMappings.BatchSize;
            for (int b = 0; b < warmupBatches; b++)
            {
                int first = WorkloadEvents.WarmupPeople + (b * Batch);
                var warm = await Outcomes.CountAsync(destination.SendJsonAllAsync(WorkloadEvents.ReadAsync(kind, first, Batch, first)));
                if (warm.NotSent > 0)
                {
                    throw new InvalidOperationException($"Warm-up batch {b}: {warm.NotSent} events not sent; first: {warm.FirstProblem}");
                }
            }

            long requestsBefore = klaviyo.Requests;
            long started = TimeProvider.System.GetTimestamp();
            var cpu = ProcessMemory.ProcessorTime();
            long allocated = GC.GetTotalAllocatedBytes(precise: false);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            long poolItems = ThreadPool.CompletedWorkItemCount;
            long jit = JitInfo.GetCompiledMethodCount();

            Outcomes measured;
            if (feed == "batches")
            {
                measured = default;
                for (int first = 0; first < events; first += Batch)
                {
                    int count = Math.Min(Batch, events - first);
                    measured = measured.Add(await Outcomes.CountAsync(destination.SendJsonAllAsync(WorkloadEvents.ReadAsync(kind, first, count, first))));
                }
            }
            else
            {
                measured = await Outcomes.CountAsync(destination.SendJsonAllAsync(WorkloadEvents.ReadAsync(kind, 0, events, 0)));
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var cpuUsed = ProcessMemory.ProcessorTime() - cpu;
            return new WorkloadFigures(
                kind.ToString().ToLowerInvariant(),
                warmupBatches,
                events,
                feed,
                GCSettings.IsServerGC,
                elapsed.TotalSeconds,
                cpuUsed.TotalSeconds,
                generation.TotalMicroseconds,
                GC.GetTotalAllocatedBytes(precise: false) - allocated,
                GC.CollectionCount(0) - gen0,
                GC.CollectionCount(1) - gen1,
                GC.CollectionCount(2) - gen2,
                (GC.GetTotalPauseDuration() - pause).TotalMilliseconds,
                ThreadPool.CompletedWorkItemCount - poolItems,
                JitInfo.GetCompiledMethodCount() - jit,
                klaviyo.Requests - requestsBefore,
                measured.Sent,
                measured.NotSent,
                measured.FirstProblem,
                ProcessMemory.PeakResidentBytes(),
                ProcessMemory.ResidentBytes(),
                RunSummary.LoadAverage());
        }
        finally
        {
            await delivery.DisposeAsync();
            await destination.DisposeAsync();
        }
    }

    /// <summary>How the events of a stream ended.</summary>
    private readonly record struct Outcomes(int Sent, int NotSent, string? FirstProblem)
    {
        public Outcomes Add(Outcomes other) => new(Sent + other.Sent, NotSent + other.NotSent, FirstProblem ?? other.FirstProblem);

        /// <summary>Reads every result of a stream.</summary>
        public static async Task<Outcomes> CountAsync(IAsyncEnumerable<EventResult> results)
        {
            int sent = 0, notSent = 0;
            string? first = null;
            await foreach (var result in results)
            {
                if (result.Error is null && result.Outcomes is [{ Kind: MappingOutcomeKind.Sent }])
                {
                    sent++;
                }
                else
                {
                    notSent++;
                    first ??= result.ToString();
                }
            }

            return new Outcomes(sent, notSent, first);
        }
    }
}
