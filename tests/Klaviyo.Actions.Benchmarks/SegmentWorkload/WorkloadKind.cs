namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>The two workloads of Segment's batch benchmark (issue 13).</summary>
internal enum WorkloadKind
{
    /// <summary><c>Product Viewed</c> track calls through Track Event.</summary>
    Track,

    /// <summary>Identify calls through Upsert Profile.</summary>
    Identify,
}
