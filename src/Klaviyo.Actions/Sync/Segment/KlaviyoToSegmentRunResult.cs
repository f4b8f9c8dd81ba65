namespace Klaviyo.Actions.Sync.Segment;

/// <summary>A message Segment would refuse (over 32 KB): reported here and in the log, never sent.</summary>
/// <param name="Stream">The stream: <c>profiles</c>, or <c>events:&lt;metric id&gt;</c>.</param>
/// <param name="KlaviyoId">The Klaviyo profile or event id.</param>
/// <param name="Bytes">The message's size in UTF-8 bytes.</param>
public sealed record KlaviyoToSegmentOversizedMessage(string Stream, string KlaviyoId, int Bytes);

/// <summary>What one <see cref="KlaviyoToSegmentSync.RunAsync(CancellationToken)"/> did. No personal data.</summary>
public sealed record KlaviyoToSegmentRunResult
{
    /// <summary>Whether every stream was read to its end and everything sendable was accepted by Segment.</summary>
    public bool Completed => Error is null;

    /// <summary>
    /// Why the run stopped early (Klaviyo or Segment kept failing, or an option was unusable), without personal data;
    /// <see langword="null"/> when it completed. Cursors stay where Segment last accepted, so the next run resumes there.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>Profiles read from Klaviyo.</summary>
    public long ProfilesRead { get; init; }

    /// <summary><c>identify</c> calls Segment accepted.</summary>
    public long IdentifiesSent { get; init; }

    /// <summary>Events read from Klaviyo.</summary>
    public long EventsRead { get; init; }

    /// <summary><c>track</c> calls Segment accepted.</summary>
    public long TracksSent { get; init; }

    /// <summary><c>POST /v1/batch</c> calls Segment accepted.</summary>
    public long Batches { get; init; }

    /// <summary>Attempts that were retried (429, 5xx, network errors).</summary>
    public long Retries { get; init; }

    /// <summary>Changes read but not sent, by reason.</summary>
    public IReadOnlyDictionary<KlaviyoToSegmentSkipReason, long> Skipped { get; init; } = new Dictionary<KlaviyoToSegmentSkipReason, long>();

    /// <summary>Messages over Segment's per-message limit (also counted in <see cref="Skipped"/>).</summary>
    public IReadOnlyList<KlaviyoToSegmentOversizedMessage> Oversized { get; init; } = [];

    /// <summary>Metric names that matched no Klaviyo metric (their events were not read).</summary>
    public IReadOnlyList<string> UnknownMetricNames { get; init; } = [];

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Completed ? "completed" : "stopped: " + Error)}; profiles {ProfilesRead} read, {IdentifiesSent} sent; events {EventsRead} read, {TracksSent} sent; "
        + $"{Batches} batches, {Retries} retries; skipped {string.Join(", ", Skipped.Select(p => $"{p.Key} {p.Value}"))}";
}
