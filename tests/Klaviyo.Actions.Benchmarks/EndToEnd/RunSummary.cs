namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>The runner's closing summary: each run's rate and requests, and the ratio (a)/(c) the issue sets at 0.5.</summary>
/// <param name="Batched">(a): the destination with the background queue.</param>
/// <param name="MappingOnly">(m): the destination sending nothing.</param>
/// <param name="Replay">(c): the bare client replaying (a)'s requests into an emulator in (a)'s starting state.</param>
/// <param name="ReplayAfter">(c′): the same replay into (a)'s emulator afterwards, when the twin could be used.</param>
/// <param name="Unbatched">(b): the destination without the queue, unless skipped.</param>
/// <param name="ReplayWorkers">Requests the replay kept in flight.</param>
internal sealed record RunSummary(RunFigures Batched, RunFigures MappingOnly, RunFigures Replay, RunFigures? ReplayAfter, RunFigures? Unbatched, int ReplayWorkers)
{
    public double Ratio => Batched.EventsPerSecond / Replay.EventsPerSecond;

    public void WriteTo(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Summary");
        output.WriteLine($"  (a) batched:         {Batched.EventsPerSecond,12:N0} events/s  {Batched.TotalRequests,8:N0} requests");
        if (Unbatched is not null)
        {
            output.WriteLine($"  (b) unbatched:       {Unbatched.EventsPerSecond,12:N0} events/s  {Unbatched.TotalRequests,8:N0} requests");
        }

        output.WriteLine($"  (m) destination only:{MappingOnly.EventsPerSecond,12:N0} events/s  (no requests; {MappingOnly.CpuMicrosecondsPerEvent:N0} µs CPU per event)");
        output.WriteLine($"  (c) local limit:     {Replay.EventsPerSecond,12:N0} events/s  {Replay.TotalRequests,8:N0} requests ({Replay.TotalRequests / Replay.Elapsed.TotalSeconds:N0} bodies/s, {ReplayWorkers} in flight)");
        output.WriteLine($"  ratio (a)/(c):       {Ratio,12:N2}  (target >= 0.50: {(Ratio >= 0.5 ? "met" : "NOT met")})");
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

    /// <summary>The 1-minute load average where the system reports one (Linux), so a reader can judge the noise.</summary>
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? File.ReadAllText(path).Split(' ')[0] : "n/a";
    }
}
