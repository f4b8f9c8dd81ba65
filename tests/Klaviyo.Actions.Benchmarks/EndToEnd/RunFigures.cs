namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>What one timed run did.</summary>
/// <param name="Name">The run's label.</param>
/// <param name="Events">Events put through (for the replay: the events the replayed bodies carried).</param>
/// <param name="Usage">What the whole process (SDK and emulator) used from the first event to the last outcome.</param>
/// <param name="Requests">Requests issued per endpoint.</param>
/// <param name="Outcomes">Mapping outcomes (or, for the replay, response statuses) by kind.</param>
internal sealed record RunFigures(
    string Name,
    int Events,
    ProcessUsage Usage,
    IReadOnlyDictionary<string, int> Requests,
    IReadOnlyDictionary<string, int> Outcomes)
{
    public TimeSpan Elapsed => Usage.Elapsed;

    public TimeSpan Cpu => Usage.Cpu;

    public long AllocatedBytes => Usage.AllocatedBytes;

    public int Gen0Collections => Usage.Gen0Collections;

    public TimeSpan GcPause => Usage.GcPause;

    public long ThreadPoolItems => Usage.ThreadPoolItems;

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public int TotalRequests => Requests.Values.Sum();
}
