using System.Runtime;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end throughput runner (issue 8). Generates the events to a file, reads them back, then in one process:
/// warm-up passes until the JIT settles (<see cref="WarmUp"/>); (m) routing and the queue, Klaviyo accepting in
/// process (no HTTP); (a) destination + default mappings with batching + queue → emulator; (c) a bare HttpClient
/// replaying (a)'s exact requests into a twin emulator in (a)'s starting state (the local limit), and (c′) into (a)'s
/// emulator; (b) the same mappings with batching off (every action sent on its own) → the same emulator, reset. Each timed run starts once the JIT is quiet (<see cref="JitQuiet"/>).
/// Prints events/s, requests per endpoint, and the ratio (a)/(c).
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- e2e --events 100000</c>; with
/// <c>--batched-only --redis 127.0.0.1:6379</c>, (a) then (r), the same through durable delivery on Redis Streams.
/// </summary>
internal static class EndToEndCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = EndToEndOptions.Parse(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var ct = cancel.Token;

        string path = options.File ?? Path.Combine(Path.GetTempPath(), $"klaviyo-e2e-{options.Events}-{options.Seed}.jsonl");
        await EventFile.WriteAsync(path, options.Events, options.Seed, ct);
        var events = await EventFile.ReadAsync(path, ct);
        output.WriteLine($"{events.Count:N0} events written to {path} (seed {options.Seed}); {Environment.ProcessorCount} cores, server GC {GCSettings.IsServerGC}, queue MaxConcurrentSends {options.MaxSends?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "32 (default)"}, load average {RunSummary.LoadAverage()}.");

        if (options.Warmup > 0)
        {
            await WarmUp.RunAsync(events, options, output, ct);
        }

        await using var emulator = await TwinEmulator.StartAsync(options.Seed, ct);
        await SettleAsync(options, output, ct);
        if (options.BatchedOnly)
        {
            RedisRun.ResetPeak();
            var (alone, _) = await DestinationRun.RunAsync("(a) destination, batching on (alone)", emulator, events, DestinationRun.Delivery.Batched, record: false, options.MaxSends, options.BatchOrders, ct);
            alone.WriteTo(output);
            long peakAlone = SegmentWorkload.ProcessMemory.PeakResidentBytes();
            if (options.Redis is { } redis)
            {
                // Warm-up pass over the Redis path (not timed), so (r) is measured with the JIT settled as (a) was.
                await RedisRun.RunAsync("(r) warm-up", emulator, [.. events.Take(Math.Min(events.Count, 10_000))], redis, options.MaxSends, ct);
                emulator.Reset();
                await SettleAsync(options, output, ct);
                var (durable, roundTrips, peakDurable) = await RedisRun.RunAsync("(r) as (a), through durable delivery on Redis Streams", emulator, events, redis, options.MaxSends, ct);
                durable.WriteTo(output);
                output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"(r)/(a): {durable.EventsPerSecond / alone.EventsPerSecond:P0} of the in-memory events/s (target >= 50%); Redis round trips per event {roundTrips:F4} (target <= 0.05); peak RSS (a) {peakAlone / 1048576.0:N0} MB, (r) {peakDurable / 1048576.0:N0} MB."));
            }

            return 0;
        }

        var (mappingOnly, _) = await DestinationRun.RunAsync("(m) routing + queue, Klaviyo accepting in process (no HTTP)", emulator, events, DestinationRun.Delivery.Accepted, record: false, options.MaxSends, options.BatchOrders, ct);
        mappingOnly.WriteTo(output);
        if (options.MappingOnly)
        {
            return 0;
        }

        await using var twin = await TwinEmulator.StartAsync(options.Seed, ct);
        bool mirrored = TwinEmulator.TryMirrorLists(emulator, twin);
        string label = options.BatchOrders ? "(a) destination, batching on, Order Completed batched too" : "(a) destination, batching on";
        await SettleAsync(options, output, ct);
        var (batched, recorded) = await DestinationRun.RunAsync(label, emulator, events, DestinationRun.Delivery.Batched, record: true, options.MaxSends, options.BatchOrders, ct);
        batched.WriteTo(output);

        await SettleAsync(options, output, ct);
        var replay = await ReplayRun.RunAsync(
            mirrored ? "(c) bare HttpClient replay, into a twin of (a)'s starting state" : "(c) bare HttpClient replay, into (a)'s emulator (the twin's list ids differed)",
            mirrored ? twin : emulator,
            recorded,
            events.Count,
            options.ReplayWorkers,
            ct);
        replay.WriteTo(output);
        RunFigures? replayAfter = null;
        if (mirrored)
        {
            // For comparison: the same bodies into the emulator that already holds (a)'s profiles and events.
            await SettleAsync(options, output, ct);
            replayAfter = await ReplayRun.RunAsync("(c′) the same replay into (a)'s emulator, after (a)", emulator, recorded, events.Count, options.ReplayWorkers, ct);
            replayAfter.WriteTo(output);
        }

        RunFigures? unbatched = null;
        if (!options.SkipUnbatched)
        {
            emulator.Reset();
            await SettleAsync(options, output, ct);
            (unbatched, _) = await DestinationRun.RunAsync("(b) destination, batching off (every action on its own)", emulator, events, DestinationRun.Delivery.Unbatched, record: false, options.MaxSends, batchOrders: false, ct);
            unbatched.WriteTo(output);
        }

        new RunSummary(batched, mappingOnly, replay, replayAfter, unbatched, options.ReplayWorkers, options.BatchOrders).WriteTo(output);
        return 0;
    }

    /// <summary>Waits for a quiet machine when asked (<c>--max-load</c>), then lets background tier-up finish before a timed run (see <see cref="JitQuiet"/>).</summary>
    private static async Task SettleAsync(EndToEndOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.MaxLoad is { } maxLoad)
        {
            await Support.LoadGate.WaitAsync(maxLoad, TimeSpan.FromMinutes(20), output);
        }

        var waited = await JitQuiet.WaitAsync(cancellationToken);
        output.WriteLine($"(JIT quiet after {waited.TotalSeconds:N1} s)");
    }
}
