namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>
/// Issue 13's reference figures for the workload: Segment's Node implementation on this machine class (same events,
/// Klaviyo answered at once) and the targets for this SDK. "Cold" is after one warm-up batch, "steady" after 150.
/// </summary>
internal static class SegmentReference
{
    /// <summary>Segment's peak RSS, MB.</summary>
    public const double NodeRssMegabytes = 305;

    /// <summary>The RSS target, MB.</summary>
    public const double TargetRssMegabytes = 150;

    /// <summary>The warm-up batches of a cold measurement.</summary>
    public const int ColdWarmup = 1;

    /// <summary>The warm-up batches of a steady measurement.</summary>
    public const int SteadyWarmup = 150;

    /// <summary>Segment's Node CPU per event, µs; <see langword="null"/> for a warm-up Segment did not measure.</summary>
    /// <param name="kind">The workload.</param>
    /// <param name="warmupBatches">Warm-up batches.</param>
    public static double? NodeMicroseconds(WorkloadKind kind, int warmupBatches) => (kind, warmupBatches) switch
    {
        (WorkloadKind.Track, ColdWarmup) => 33,
        (WorkloadKind.Track, SteadyWarmup) => 35,
        (WorkloadKind.Identify, ColdWarmup) => 49,
        (WorkloadKind.Identify, SteadyWarmup) => 40,
        _ => null,
    };

    /// <summary>The CPU-per-event target, µs; <see langword="null"/> for a warm-up without one.</summary>
    /// <param name="kind">The workload.</param>
    /// <param name="warmupBatches">Warm-up batches.</param>
    public static double? TargetMicroseconds(WorkloadKind kind, int warmupBatches) => (kind, warmupBatches) switch
    {
        (WorkloadKind.Track, ColdWarmup) => 20,
        (WorkloadKind.Track, SteadyWarmup) => 12,
        (WorkloadKind.Identify, ColdWarmup) => 25,
        (WorkloadKind.Identify, SteadyWarmup) => 18,
        _ => null,
    };
}
