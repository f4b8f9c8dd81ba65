using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Sync;

/// <summary>List-sync log messages. Identifiers that can be personal data (emails, phones) never appear.</summary>
internal static partial class ListSyncLog
{
    [LoggerMessage(EventId = 4001, EventName = "ListSyncSkippedInactive", Level = LogLevel.Debug, Message = "List sync {SegmentId} → {ListId} skipped: the connector is inactive")]
    public static partial void SkippedInactive(ILogger logger, string segmentId, string listId);

    [LoggerMessage(EventId = 4002, EventName = "ListSyncAlreadyRunning", Level = LogLevel.Information, Message = "List sync {SegmentId} → {ListId} skipped: another worker holds the connector's lease ({Holder})")]
    public static partial void AlreadyRunning(ILogger logger, string segmentId, string listId, string holder);

    [LoggerMessage(EventId = 4003, EventName = "ListSyncStaged", Level = LogLevel.Debug, Message = "List sync {SegmentId} → {ListId}: {Members} members staged, {WithoutEmail} without an email")]
    public static partial void Staged(ILogger logger, string segmentId, string listId, long members, long withoutEmail);

    [LoggerMessage(EventId = 4004, EventName = "ListSyncBatchApplied", Level = LogLevel.Debug, Message = "List sync {SegmentId} → {ListId}: {Operation} batch of {Count}: {Accepted} accepted, {Rejected} rejected, {Failed} failed")]
    public static partial void BatchApplied(ILogger logger, string segmentId, string listId, string operation, int count, int accepted, int rejected, int failed);

    [LoggerMessage(EventId = 4005, EventName = "ListSyncMemberRejected", Level = LogLevel.Warning, Message = "List sync {SegmentId} → {ListId}: Klaviyo rejected {Count} members in a {Operation} batch (error codes: {Codes})")]
    public static partial void MembersRejected(ILogger logger, string segmentId, string listId, string operation, int count, string codes);

    [LoggerMessage(EventId = 4006, EventName = "ListSyncNotPersonalisable", Level = LogLevel.Information, Message = "List sync {SegmentId} → {ListId}: {Count} members have no email and are synced by external id or phone; Klaviyo cannot fully personalise for them")]
    public static partial void NotPersonalisable(ILogger logger, string segmentId, string listId, long count);

    [LoggerMessage(EventId = 4007, EventName = "ListSyncFinished", Level = LogLevel.Information, Message = "List sync {SegmentId} → {ListId} {Outcome}: added {Added}, updated {Updated}, removed {Removed}, unchanged {Unchanged}, rejected {Rejected}, failed {Failed} in {DurationMs} ms")]
    public static partial void Finished(ILogger logger, string segmentId, string listId, ListSyncRunOutcome outcome, long added, long updated, long removed, long unchanged, long rejected, long failed, long durationMs);

    [LoggerMessage(EventId = 4008, EventName = "ListSyncConnectorFailed", Level = LogLevel.Error, Message = "List sync {SegmentId} → {ListId} failed and the connector is now in error: {Error}")]
    public static partial void ConnectorFailed(ILogger logger, string segmentId, string listId, string error);

    [LoggerMessage(EventId = 4009, EventName = "ListSyncInterrupted", Level = LogLevel.Warning, Message = "List sync {SegmentId} → {ListId} stopped early on a transient failure: {Error}")]
    public static partial void Interrupted(ILogger logger, string segmentId, string listId, string error);

    [LoggerMessage(EventId = 4010, EventName = "ListSyncLeaseLost", Level = LogLevel.Warning, Message = "List sync {SegmentId} → {ListId} stopped: its lease expired and another worker took the connector over")]
    public static partial void LeaseLost(ILogger logger, string segmentId, string listId);

    [LoggerMessage(EventId = 4011, EventName = "ListSyncUnexpectedFailure", Level = LogLevel.Error, Message = "List sync {SegmentId} → {ListId} stopped on an unexpected exception")]
    public static partial void UnexpectedFailure(ILogger logger, string segmentId, string listId, Exception exception);

    [LoggerMessage(EventId = 4012, EventName = "ListSyncReleaseFailed", Level = LogLevel.Warning, Message = "List sync {SegmentId} → {ListId}: releasing the lease failed; it expires on its own")]
    public static partial void ReleaseFailed(ILogger logger, string segmentId, string listId, Exception exception);

    [LoggerMessage(EventId = 4013, EventName = "ListSyncLeaseTakenOver", Level = LogLevel.Warning, Message = "List sync {SegmentId} → {ListId}: took the connector's lease over from {Holder} ({Reason})")]
    public static partial void LeaseTakenOver(ILogger logger, string segmentId, string listId, string holder, string reason);

    [LoggerMessage(EventId = 4014, EventName = "ListSyncLeaseRenewed", Level = LogLevel.Debug, Message = "List sync {SegmentId} → {ListId}: lease renewed until {ExpiresAt:O}")]
    public static partial void LeaseRenewed(ILogger logger, string segmentId, string listId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4015, EventName = "ListSyncLeaseRenewalFailed", Level = LogLevel.Warning, Message = "List sync {SegmentId} → {ListId}: renewing the lease failed; retried at the next heartbeat")]
    public static partial void RenewalFailed(ILogger logger, string segmentId, string listId, Exception exception);

    [LoggerMessage(EventId = 4016, EventName = "ListSyncMalformedEmailsDropped", Level = LogLevel.Warning, Message = "List sync {SegmentId} → {ListId}: {Count} members had a malformed email trait; the email was dropped and they are synced by their other identifiers")]
    public static partial void MalformedEmailsDropped(ILogger logger, string segmentId, string listId, long count);

    [LoggerMessage(EventId = 4017, EventName = "ListSyncIdentitiesLinked", Level = LogLevel.Debug, Message = "List sync: {Linked} identity links stored from {Events} events")]
    public static partial void IdentitiesLinked(ILogger logger, int linked, int events);
}
