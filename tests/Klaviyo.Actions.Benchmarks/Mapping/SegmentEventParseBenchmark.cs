using BenchmarkDotNet.Attributes;
using Klaviyo.Actions.Benchmarks.SegmentWorkload;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Benchmarks.Mapping;

/// <summary>
/// Issue 13: reading one event of Segment's batch workload (<see cref="WorkloadEvents"/>) from its JSON text, the
/// first step of <see cref="KlaviyoDestination.SendJsonAllAsync"/> for every event: the depth check, the
/// <c>JsonDocument</c> and its clone, and the typed spec fields. Per event.
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter '*SegmentEventParse*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SegmentEventParseBenchmark
{
    private string _json = string.Empty;

    /// <summary>The workload whose event is read.</summary>
    [Params("track", "identify")]
    public string Workload { get; set; } = "track";

    [GlobalSetup]
    public void Setup() => _json = WorkloadEvents.Json(Workload == "track" ? WorkloadKind.Track : WorkloadKind.Identify, 42, 42);

    /// <summary><see cref="SegmentEvent.TryParse"/>, as the destination calls it.</summary>
    [Benchmark]
    public SegmentEvent? Parse() => SegmentEvent.TryParse(_json, out var segmentEvent, out _) ? segmentEvent : null;
}
