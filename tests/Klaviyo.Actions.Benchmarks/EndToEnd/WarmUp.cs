using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// Untimed passes over the first events through every path the timed runs take ((m), (a) with its replay, and (b)
/// unless skipped) on a scratch emulator, until the JIT is done. One pass is not enough: tiered compilation
/// only starts counting calls once the JIT has been idle for a moment, so after a single 50,000-event pass the next
/// run still compiled about 1,000 methods (a second of JIT time inside the timed window). Passes repeat until one
/// compiles fewer than <see cref="SettledMethods"/> methods (at most <see cref="MaxPasses"/>). Each emulator instance
/// still compiles a few hundred small methods of its own on its first requests (ASP.NET Core builds each endpoint's
/// request delegate then), so the timed runs' fresh emulators show some JIT time; it is printed with each run.
/// </summary>
internal static class WarmUp
{
    private const int SettledMethods = 250;
    private const int MaxPasses = 6;

    public static async Task RunAsync(IReadOnlyList<string> events, EndToEndOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var sample = events.Take(Math.Min(options.Warmup, events.Count)).ToList();
        await using var scratch = await KlaviyoEmulator.StartAsync(cancellationToken: cancellationToken);
        for (int pass = 1; pass <= MaxPasses; pass++)
        {
            var meter = ProcessMeter.Start();
            await DestinationRun.RunAsync("warm-up", scratch, sample, DestinationRun.Delivery.Accepted, record: false, options.MaxSends, options.BatchOrders, cancellationToken);
            var (_, requests) = await DestinationRun.RunAsync("warm-up", scratch, sample, DestinationRun.Delivery.Batched, record: true, options.MaxSends, options.BatchOrders, cancellationToken);
            await ReplayRun.RunAsync("warm-up", scratch, requests, sample.Count, options.ReplayWorkers, cancellationToken);
            if (!options.SkipUnbatched)
            {
                await DestinationRun.RunAsync("warm-up", scratch, sample, DestinationRun.Delivery.Unbatched, record: false, options.MaxSends, batchOrders: false, cancellationToken);
            }

            await JitQuiet.WaitAsync(cancellationToken);
            var usage = meter.Stop();
            output.WriteLine($"Warm-up pass {pass}: {sample.Count:N0} events through every timed path, JIT compiled {usage.JitMethods:N0} methods (untimed).");
            if (usage.JitMethods < SettledMethods)
            {
                return;
            }
        }
    }
}
