namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// The runner's closing summary: each run's rate and requests, the ratio (a)/(c) (issue 13: at least 0.70) and (a)'s
/// requests against issue 13's targets (at most 45,238 with Segment's defaults, 463 with Order Completed batched too).
/// </summary>
/// <param name="Batched">(a): the destination with the queue, batching on.</param>
/// <param name="MappingOnly">(m): routing and the queue, Klaviyo accepting in process.</param>
/// <param name="Replay">(c): the bare client replaying (a)'s requests into an emulator in (a)'s starting state.</param>
/// <param name="ReplayAfter">(c′): the same replay into (a)'s emulator afterwards, when the twin could be used.</param>
/// <param name="Unbatched">(b): the destination without the queue, unless skipped.</param>
/// <param name="ReplayWorkers">Requests the replay kept in flight.</param>
/// <param name="BatchOrders">Whether (a) batched Order Completed too (<c>--batch-orders</c>).</param>
internal sealed record RunSummary(RunFigures Batched, RunFigures MappingOnly, RunFigures Replay, RunFigures? ReplayAfter, RunFigures? Unbatched, int ReplayWorkers, bool BatchOrders)
{
    /// <summary>Issue 13's ceiling on (a)'s requests: the session-4 count with Segment's defaults, or everything queued.</summary>
    public int RequestTarget => BatchOrders ? 463 : 45_238;

    /// <summary>Issue 13's floor on the ratio (a)/(c).</summary>
    public const double RatioTarget = 0.7;

    public double Ratio => Batched.EventsPerSecond / Replay.EventsPerSecond;

    public void WriteTo(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Summary");
        output.WriteLine($"  (a) batched:         {Batched.EventsPerSecond,12:N0} events/s  {Batched.TotalRequests,8:N0} requests (target <= {RequestTarget:N0}: {(Batched.TotalRequests <= RequestTarget ? "met" : "NOT met")})");
        if (Unbatched is not null)
        {
            output.WriteLine($"  (b) unbatched:       {Unbatched.EventsPerSecond,12:N0} events/s  {Unbatched.TotalRequests,8:N0} requests");
        }

        output.WriteLine($"  (m) routing + queue: {MappingOnly.EventsPerSecond,12:N0} events/s  ({MappingOnly.TotalRequests:N0} requests answered in process, no HTTP; {MappingOnly.CpuMicrosecondsPerEvent:N0} µs CPU per event)");
        output.WriteLine($"  (c) local limit:     {Replay.EventsPerSecond,12:N0} events/s  {Replay.TotalRequests,8:N0} requests ({Replay.TotalRequests / Replay.Elapsed.TotalSeconds:N0} bodies/s, {ReplayWorkers} in flight)");
        output.WriteLine($"  ratio (a)/(c):       {Ratio,12:N2}  (target >= {RatioTarget:N2}: {(Ratio >= RatioTarget ? "met" : "NOT met")})");
        if (ReplayAfter is not null)
        {
            // The replay into an emulator that already holds every profile and event is cheaper for the emulator
            // (updates and duplicates instead of creations), so this ratio is the stricter one.
            double after = Batched.EventsPerSecond / ReplayAfter.EventsPerSecond;
            output.WriteLine($"  ratio (a)/(c′):      {after,12:N2}  ((c′) {ReplayAfter.EventsPerSecond:N0} events/s: the replay into (a)'s emulator, which already holds everything)");
        }

        // On a shared machine the wall-clock ratio moves with whatever else runs; the CPU each run spent per event
        // moves less, so it is printed too (the process's CPU, emulator included, as in the runs above).
        double cpuRatio = Replay.CpuMicrosecondsPerEvent / Batched.CpuMicrosecondsPerEvent;
        output.WriteLine($"  CPU ratio (c)/(a):   {cpuRatio,12:N2}  (CPU per event: (a) {Batched.CpuMicrosecondsPerEvent:N0} µs, (c) {Replay.CpuMicrosecondsPerEvent:N0} µs; load average {LoadAverage()})");
    }

    /// <summary>The 1-, 5- and 15-minute load averages where the system reports them (Linux), so a reader can judge the noise.</summary>
    public static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ')[..3]) : "n/a";
    }
}
