using System.Runtime;
using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end throughput runner (issue 8). Generates the events to a file, reads them back, then in one process:
/// (a) destination + default mappings + background queue → emulator; (c) a bare HttpClient replaying (a)'s exact
/// requests to the same emulator (the local limit); (b) destination without the queue → the same emulator, reset.
/// Prints events/s, requests per endpoint, and the ratio (a)/(c).
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- e2e --events 100000</c>.
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
        output.WriteLine($"{events.Count:N0} events written to {path} (seed {options.Seed}); {Environment.ProcessorCount} cores, server GC {GCSettings.IsServerGC}, destination concurrency {options.Concurrency}.");

        if (options.Warmup > 0)
        {
            await WarmUp.RunAsync(events, options, output, ct);
        }

        await using var emulator = await TwinEmulator.StartAsync(options.Seed, ct);
        await SettleAsync(output, ct);
        if (options.BatchedOnly)
        {
            var (alone, _) = await DestinationRun.RunAsync("(a) destination, batching on (alone)", emulator, events, DestinationRun.Delivery.Batched, record: false, options.Concurrency, options.BatchOrders, ct);
            Print(output, alone);
            return 0;
        }

        var (mappingOnly, _) = await DestinationRun.RunAsync("(m) destination, nothing sent (parse + map + validate only)", emulator, events, DestinationRun.Delivery.None, record: false, options.Concurrency, batchOrders: false, ct);
        Print(output, mappingOnly);
        if (options.MappingOnly)
        {
            return 0;
        }

        await using var twin = await TwinEmulator.StartAsync(options.Seed, ct);
        bool mirrored = TwinEmulator.TryMirrorLists(emulator, twin);
        string label = options.BatchOrders ? "(a) destination, batching on, Order Completed batched too" : "(a) destination, batching on";
        await SettleAsync(output, ct);
        var (batched, recorded) = await DestinationRun.RunAsync(label, emulator, events, DestinationRun.Delivery.Batched, record: true, options.Concurrency, options.BatchOrders, ct);
        Print(output, batched);

        await SettleAsync(output, ct);
        var replay = await ReplayRun.RunAsync(
            mirrored ? "(c) bare HttpClient replay, into a twin of (a)'s starting state" : "(c) bare HttpClient replay, into (a)'s emulator (the twin's list ids differed)",
            mirrored ? twin : emulator,
            recorded,
            events.Count,
            options.ReplayWorkers,
            ct);
        Print(output, replay);
        if (mirrored)
        {
            // For comparison: the same bodies into the emulator that already holds (a)'s profiles and events.
            await SettleAsync(output, ct);
            Print(output, await ReplayRun.RunAsync("(c′) the same replay into (a)'s emulator, after (a)", emulator, recorded, events.Count, options.ReplayWorkers, ct));
        }

        RunFigures? unbatched = null;
        if (!options.SkipUnbatched)
        {
            emulator.Reset();
            await SettleAsync(output, ct);
            (unbatched, _) = await DestinationRun.RunAsync("(b) destination, batching off", emulator, events, batched: false, record: false, options.Concurrency, ct);
            Print(output, unbatched);
        }

        output.WriteLine();
        output.WriteLine("Summary");
        output.WriteLine($"  (a) batched:         {batched.EventsPerSecond,12:N0} events/s  {batched.TotalRequests,8:N0} requests");
        if (unbatched is not null)
        {
            output.WriteLine($"  (b) unbatched:       {unbatched.EventsPerSecond,12:N0} events/s  {unbatched.TotalRequests,8:N0} requests");
        }

        output.WriteLine($"  (m) destination only:{mappingOnly.EventsPerSecond,12:N0} events/s  (no requests; {mappingOnly.Cpu.TotalMilliseconds * 1000 / mappingOnly.Events:N0} µs CPU per event)");
        output.WriteLine($"  (c) local limit:     {replay.EventsPerSecond,12:N0} events/s  {replay.TotalRequests,8:N0} requests ({replay.TotalRequests / replay.Elapsed.TotalSeconds:N0} bodies/s, {options.ReplayWorkers} in flight)");
        double ratio = batched.EventsPerSecond / replay.EventsPerSecond;
        output.WriteLine($"  ratio (a)/(c):       {ratio,12:N2}  (target >= 0.50: {(ratio >= 0.5 ? "met" : "NOT met")})");

        // On a shared machine the wall-clock ratio moves with whatever else runs; the CPU each run spent per event
        // moves less, so it is printed too (the process's CPU, emulator included, as in the runs above).
        double cpuRatio = CpuPerEvent(replay) / CpuPerEvent(batched);
        output.WriteLine($"  CPU ratio (c)/(a):   {cpuRatio,12:N2}  (CPU per event: (a) {CpuPerEvent(batched):N0} µs, (c) {CpuPerEvent(replay):N0} µs; load average {LoadAverage()})");
        return 0;
    }

    /// <summary>Lets background tier-up finish before a timed run (see <see cref="JitQuiet"/>).</summary>
    private static async Task SettleAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var waited = await JitQuiet.WaitAsync(cancellationToken);
        output.WriteLine($"(JIT quiet after {waited.TotalSeconds:N1} s)");
    }

    private static double CpuPerEvent(RunFigures figures) => figures.Cpu.TotalMilliseconds * 1000 / figures.Events;

    /// <summary>The 1-minute load average where the system reports one (Linux), so a reader can judge the noise.</summary>
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? File.ReadAllText(path).Split(' ')[0] : "n/a";
    }

    private static void Print(TextWriter output, RunFigures figures)
    {
        output.WriteLine();
        output.WriteLine($"{figures.Name}: {figures.Events:N0} events in {figures.Elapsed.TotalSeconds:N2} s = {figures.EventsPerSecond:N0} events/s; {figures.TotalRequests:N0} requests; process CPU {figures.Cpu.TotalSeconds:N2} s ({figures.Cpu.TotalMilliseconds * 1000 / figures.Events:N0} µs per event, {figures.Cpu / figures.Elapsed:P0} of one core); allocated {figures.AllocatedBytes / 1024.0 / figures.Events:N1} KB per event, {figures.Gen0Collections} GCs ({figures.GcPause.TotalMilliseconds:N0} ms paused), {(double)figures.ThreadPoolItems / figures.Events:N2} thread-pool work items per event; JIT compiled {figures.Usage.JitMethods:N0} methods ({figures.Usage.JitTime.TotalMilliseconds:N0} ms)");
        foreach (var (endpoint, count) in figures.Requests.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"    {count,8:N0}  {endpoint}");
        }

        output.WriteLine("  outcomes:");
        foreach (var (kind, count) in figures.Outcomes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"    {count,8:N0}  {kind}");
        }
    }
}
