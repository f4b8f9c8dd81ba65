namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>What one timed run did.</summary>
/// <param name="Name">The run's label.</param>
/// <param name="Events">Events put through (for the replay: the events the replayed bodies carried).</param>
/// <param name="Elapsed">Wall time from the first event to the last outcome.</param>
/// <param name="Requests">Requests issued per endpoint.</param>
/// <param name="Outcomes">Mapping outcomes (or, for the replay, response statuses) by kind.</param>
/// <param name="AllocatedBytes">Bytes the whole process allocated during the run.</param>
/// <param name="Gen0Collections">Garbage collections during the run.</param>
/// <param name="Cpu">Processor time the whole process (SDK and emulator) used during the run.</param>
/// <param name="GcPause">Time the garbage collector paused the process during the run.</param>
/// <param name="ThreadPoolItems">Work items the thread pool ran during the run (each one a hop between threads).</param>
internal sealed record RunFigures(
    string Name,
    int Events,
    TimeSpan Elapsed,
    TimeSpan Cpu,
    long AllocatedBytes,
    int Gen0Collections,
    TimeSpan GcPause,
    IReadOnlyDictionary<string, int> Requests,
    IReadOnlyDictionary<string, int> Outcomes,
    long ThreadPoolItems)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public int TotalRequests => Requests.Values.Sum();
}
