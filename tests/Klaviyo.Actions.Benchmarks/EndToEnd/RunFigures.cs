namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>What one timed run did.</summary>
/// <param name="Name">The run's label.</param>
/// <param name="Events">Events put through (for the replay: the events the replayed bodies carried).</param>
/// <param name="Usage">What the whole process (SDK and emulator) used from the first event to the last outcome.</param>
/// <param name="Requests">Requests issued per endpoint.</param>
/// <param name="Outcomes">Mapping outcomes (or, for the replay, response statuses) by kind.</param>
/// <param name="Batching">Queue flushes by reason and bulk requests by size (<see cref="BatchingCounters"/>); empty for the replay.</param>
internal sealed record RunFigures(
    string Name,
    int Events,
    ProcessUsage Usage,
    IReadOnlyDictionary<string, int> Requests,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyDictionary<string, int>? Batching = null)
{
    public TimeSpan Elapsed => Usage.Elapsed;

    public TimeSpan Cpu => Usage.Cpu;

    public long AllocatedBytes => Usage.AllocatedBytes;

    public int Gen0Collections => Usage.Gen0Collections;

    public TimeSpan GcPause => Usage.GcPause;

    public long ThreadPoolItems => Usage.ThreadPoolItems;

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public int TotalRequests => Requests.Values.Sum();

    /// <summary>Process CPU time per event, in microseconds (emulator included: it shares the process).</summary>
    public double CpuMicrosecondsPerEvent => Cpu.TotalMilliseconds * 1000 / Events;

    /// <summary>Prints the run: time, rate, process usage, requests per endpoint, outcomes.</summary>
    public void WriteTo(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{Name}: {Events:N0} events in {Elapsed.TotalSeconds:N2} s = {EventsPerSecond:N0} events/s; {TotalRequests:N0} requests; process CPU {Cpu.TotalSeconds:N2} s ({CpuMicrosecondsPerEvent:N0} µs per event, {Cpu / Elapsed:P0} of one core); allocated {AllocatedBytes / 1024.0 / Events:N1} KB per event, {Gen0Collections} GCs ({GcPause.TotalMilliseconds:N0} ms paused), {(double)ThreadPoolItems / Events:N2} thread-pool work items per event; JIT compiled {Usage.JitMethods:N0} methods ({Usage.JitTime.TotalMilliseconds:N0} ms)");
        foreach (var (endpoint, count) in Requests.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"    {count,8:N0}  {endpoint}");
        }

        output.WriteLine("  outcomes:");
        foreach (var (kind, count) in Outcomes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"    {count,8:N0}  {kind}");
        }

        if (Batching is { Count: > 0 })
        {
            output.WriteLine("  queue flushes and bulk request sizes:");
            foreach (var (kind, count) in Batching.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"    {count,8:N0}  {kind}");
            }
        }
    }
}
