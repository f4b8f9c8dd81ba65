namespace Klaviyo.Actions.Sync;

/// <summary>What one <see cref="KlaviyoListSync.SyncAsync(string, string, IAsyncEnumerable{SegmentMember}, CancellationToken)"/> run did.</summary>
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

    /// <summary>
    /// Members whose email trait was malformed (not an address Klaviyo accepts): the email was dropped and the member
    /// synced by its other identifiers (its external id, i.e. the user id when that is not an email). Counted in
    /// <see cref="NotPersonalisable"/> too unless an identity link supplied an email.
    /// </summary>
    public long MalformedEmailsDropped { get; init; }

    /// <summary>Up to <see cref="ListSyncOptions.MaxReportedUserIds"/> of the not-personalisable user ids.</summary>
    public IReadOnlyList<string> NotPersonalisableSample { get; init; } = [];

    /// <summary>For <see cref="ListSyncRunOutcome.AlreadyRunning"/>: who holds the connector's lease and until when.</summary>
    public ListSyncLeaseHolder? LeaseHolder { get; init; }

    /// <summary>
    /// Set when this run took the lease over from another holder: a process of this machine that no longer ran, or
    /// any holder when <see cref="ListSyncRunOptions.TakeOverLease"/> asked for it.
    /// </summary>
    public ListSyncLeaseHolder? LeaseTakenOverFrom { get; init; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{SegmentId} → {ListId}: {Outcome}, status {Status}; members {Members:N0}, added {Added:N0}, updated {Updated:N0}, "
        + $"removed {Removed:N0}, unchanged {Unchanged:N0}, rejected {Rejected:N0}, failed {Failed:N0}, "
        + $"not personalisable {NotPersonalisable:N0}"
        + (MalformedEmailsDropped == 0 ? "" : $", malformed emails dropped {MalformedEmailsDropped:N0}")
        + (LeaseHolder is null ? "" : $"; lease held by {LeaseHolder}")
        + (LeaseTakenOverFrom is null ? "" : $"; lease taken over from {LeaseTakenOverFrom}");
}
