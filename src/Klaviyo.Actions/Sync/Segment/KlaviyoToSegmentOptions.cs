namespace Klaviyo.Actions.Sync.Segment;

/// <summary>What a <see cref="KlaviyoToSegmentSync"/> reads from Klaviyo and where it sends it.</summary>
public sealed class KlaviyoToSegmentOptions
{
    /// <summary>
    /// The sync's name: the key of its cursors in the store, so several syncs (accounts, sources) can share one store.
    /// Default <c>default</c>.
    /// </summary>
    public string SyncName { get; set; } = "default";

    /// <summary>Which side creates users; <see cref="KlaviyoToSegmentSourceOfTruth.Klaviyo"/> by default.</summary>
    public KlaviyoToSegmentSourceOfTruth SourceOfTruth { get; set; } = KlaviyoToSegmentSourceOfTruth.Klaviyo;

    /// <summary>
    /// Send only profiles (and their events) that carry <see cref="KlaviyoProfileMarker"/>, i.e. that the forward
    /// direction wrote with <c>mark_written_profiles</c> on — Klaviyo's "Do not sync profiles that are not updated by
    /// the Klaviyo Destination". Default false.
    /// </summary>
    public bool OnlyProfilesUpdatedByDestination { get; set; }

    /// <summary>Whether changed profiles are sent as <c>identify</c> calls (default true).</summary>
    public bool SyncProfiles { get; set; } = true;

    /// <summary>Metric ids whose events are sent as <c>track</c> calls (none by default).</summary>
    public IList<string> MetricIds { get; set; } = [];

    /// <summary>Metric names whose events are sent as <c>track</c> calls, resolved to ids once per run (<c>GET /api/metrics</c>).</summary>
    public IList<string> MetricNames { get; set; } = [];

    /// <summary>
    /// Where a stream without a stored cursor starts: changes strictly after this time. The Unix epoch (everything)
    /// when <see langword="null"/>. A stored cursor always wins: an interrupted run resumes, never skips.
    /// </summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>How often the hosted service (<c>AddKlaviyoToSegmentSync</c>) runs the sync; default 5 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Segment's tracking API: write key, region or base address, retries.</summary>
    public SegmentTrackingOptions Segment { get; set; } = new();

    /// <inheritdoc />
    public override string ToString() =>
        $"KlaviyoToSegmentOptions {{ SyncName = {SyncName}, SourceOfTruth = {SourceOfTruth}, OnlyProfilesUpdatedByDestination = {OnlyProfilesUpdatedByDestination}, Metrics = {MetricIds.Count + MetricNames.Count}, {Segment} }}";

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    /// <returns>Messages naming the option (never the write key).</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(SyncName) || SyncName.Length > 200)
        {
            problems.Add("SyncName is required (at most 200 characters).");
        }

        if (!Enum.IsDefined(SourceOfTruth))
        {
            problems.Add("SourceOfTruth must be Klaviyo or Segment.");
        }

        if (MetricIds is null || MetricIds.Any(string.IsNullOrWhiteSpace) || MetricNames is null || MetricNames.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("MetricIds and MetricNames must not contain blank entries.");
        }

        if (!SyncProfiles && (MetricIds?.Count ?? 0) + (MetricNames?.Count ?? 0) == 0)
        {
            problems.Add("Nothing to sync: SyncProfiles is off and no metric is chosen.");
        }

        if (Interval <= TimeSpan.Zero)
        {
            problems.Add("Interval must be positive.");
        }

        if (Segment is null)
        {
            problems.Add("Segment is required.");
        }
        else
        {
            problems.AddRange(Segment.Problems("Segment:"));
        }

        return problems;
    }
}
