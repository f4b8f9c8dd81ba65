namespace Klaviyo.Actions.Sync;

/// <summary>What one <see cref="KlaviyoListSync.SyncAsync"/> run did.</summary>
public sealed record ListSyncResult
{
    /// <summary>The segment id.</summary>
    public required string SegmentId { get; init; }

    /// <summary>The list id.</summary>
    public required string ListId { get; init; }

    /// <summary>How the run ended.</summary>
    public required ListSyncRunOutcome Outcome { get; init; }

    /// <summary>The connector's status after the run.</summary>
    public required ListSyncConnectorStatus Status { get; init; }

    /// <summary>The connector's last error after the run (no personal data).</summary>
    public string? LastError { get; init; }

    /// <summary>The connector's last successful sync after the run.</summary>
    public DateTimeOffset? LastSyncedAt { get; init; }

    /// <summary>Distinct members in the new membership.</summary>
    public long Members { get; init; }

    /// <summary>Members added to the list (new to it, or previously rejected and now accepted).</summary>
    public long Added { get; init; }

    /// <summary>Members already in the list whose identifiers changed and were upserted again.</summary>
    public long Updated { get; init; }

    /// <summary>Members taken off the list.</summary>
    public long Removed { get; init; }

    /// <summary>
    /// Members that left the segment without a call to Klaviyo: they were never in the list (rejected earlier), or a
    /// current member shares their email, phone or external id and so their Klaviyo profile.
    /// </summary>
    public long RemovalsSkipped { get; init; }

    /// <summary>Members that needed no change.</summary>
    public long Unchanged { get; init; }

    /// <summary>Members Klaviyo refused for good (e.g. an invalid email); see the log for their error codes.</summary>
    public long Rejected { get; init; }

    /// <summary>Members whose change failed transiently; the next run retries them.</summary>
    public long Failed { get; init; }

    /// <summary>Null entries in the membership stream, ignored.</summary>
    public long Invalid { get; init; }

    /// <summary>Members synced without an email (by external id or phone): Klaviyo cannot fully personalise for them.</summary>
    public long NotPersonalisable { get; init; }

    /// <summary>Up to <see cref="ListSyncOptions.MaxReportedUserIds"/> of the not-personalisable user ids.</summary>
    public IReadOnlyList<string> NotPersonalisableSample { get; init; } = [];

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{SegmentId} → {ListId}: {Outcome}, status {Status}; members {Members:N0}, added {Added:N0}, updated {Updated:N0}, "
        + $"removed {Removed:N0}, unchanged {Unchanged:N0}, rejected {Rejected:N0}, failed {Failed:N0}, "
        + $"not personalisable {NotPersonalisable:N0}";
}
