namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>
/// The destination of each workload: one mapping, Segment's default trigger and field mapping for the action
/// (<c>useDefaults</c>, from <see cref="Mapping.KlaviyoActionCatalog"/>), with batching on and <c>batch_size</c> 1,000
/// as in Segment's benchmark. Track Event's defaults already batch at 1,000; Upsert Profile's do not batch (and cap
/// at 10,000), so both fields are set for it.
/// </summary>
internal static class WorkloadMappings
{
    /// <summary>Events per Klaviyo request, as in Segment's benchmark; also the size of one warm-up batch.</summary>
    public const int BatchSize = 1_000;

    /// <summary>Track Event with Segment's defaults and batching.</summary>
    public const string Track = """
        {
          "settings": {},
          "mappings": [
            { "name": "Track Event", "action": "trackEvent", "useDefaults": true, "mapping": { "enable_batching": true, "batch_size": 1000 } }
          ]
        }
        """;

    /// <summary>Upsert Profile with Segment's defaults and batching.</summary>
    public const string Identify = """
        {
          "settings": {},
          "mappings": [
            { "name": "Upsert Profile", "action": "upsertProfile", "useDefaults": true, "mapping": { "enable_batching": true, "batch_size": 1000 } }
          ]
        }
        """;

    /// <summary>The configuration of a workload.</summary>
    /// <param name="kind">The workload.</param>
    public static string For(WorkloadKind kind) => kind == WorkloadKind.Track ? Track : Identify;
}
