namespace Klaviyo.Actions.Sync;

/// <summary>
/// Durable list-sync state: connectors, each connector's last accepted snapshot of the list, the staging area a run
/// loads the new membership into, identity links, and the lease that lets one worker at a time sync a connector.
/// </summary>
/// <remarks>
/// <para>Contract every implementation keeps (the shared contract tests check it):</para>
/// <list type="bullet">
/// <item>The schema is created on first use; creating it again changes nothing.</item>
/// <item>
/// <see cref="TryAcquireLeaseAsync"/> gives a connector's lease to one owner at a time; an expired lease can be
/// taken over, and so can a held one through <see cref="TryTakeOverLeaseAsync"/> when the caller names its owner.
/// <see cref="RenewLeaseAsync"/> extends a held lease. Every method taking a <see cref="ListSyncLease"/> checks, in the same transaction as its writes, that
/// the lease is still held by that owner (and extends it by <see cref="ListSyncLease.Duration"/>); otherwise it
/// writes nothing and throws <see cref="ListSyncLeaseLostException"/>.
/// </item>
/// <item>
/// The delta is read in user-id order (ordinal), at most <c>limit</c> rows after a user id, so no run holds a whole
/// membership in memory. Staging is keyed by user id: staging a user id twice keeps the last identifiers.
/// </item>
/// <item>Each commit is one transaction: all of its rows or none.</item>
/// <item>Stored identifiers are personal data: implementations never log them.</item>
/// </list>
/// </remarks>
public interface IListSyncStateStore
{
    /// <summary>Creates or migrates the schema. Optional: every other method does it on first use.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates a connector, or updates the credential name of an existing one (status, snapshot and history are kept).
    /// </summary>
    /// <param name="registration">The validated registration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connector as stored.</returns>
    Task<ListSyncConnector> CreateOrUpdateConnectorAsync(ListSyncConnectorRegistration registration, CancellationToken cancellationToken);

    /// <summary>Reads a connector.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connector, or <see langword="null"/> when none is registered.</returns>
    Task<ListSyncConnector?> GetConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken);

    /// <summary>Reads every connector of a segment, ordered by list id.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connectors (empty when none).</returns>
    Task<IReadOnlyList<ListSyncConnector>> GetConnectorsAsync(string segmentId, CancellationToken cancellationToken);

    /// <summary>Reads every connector that syncs into a list, ordered by segment id.</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connectors (empty when none).</returns>
    Task<IReadOnlyList<ListSyncConnector>> GetConnectorsForListAsync(string listId, CancellationToken cancellationToken);

    /// <summary>Sets a connector's status (activation and deactivation). <see cref="ListSyncConnector.LastError"/> is kept.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated connector, or <see langword="null"/> when none is registered.</returns>
    Task<ListSyncConnector?> SetStatusAsync(string segmentId, string listId, ListSyncConnectorStatus status, CancellationToken cancellationToken);

    /// <summary>Deletes a connector with its snapshot and staging area (the Klaviyo list is not touched).</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a connector was deleted.</returns>
    Task<bool> DeleteConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the connector's lease for <paramref name="owner"/> when nobody holds it or the holder's lease expired.
    /// </summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="owner">A token unique to this run.</param>
    /// <param name="duration">How long the lease lasts without a write extending it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease, or <see langword="null"/> when another owner holds it (or the connector does not exist).</returns>
    Task<ListSyncLease?> TryAcquireLeaseAsync(string segmentId, string listId, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the connector's lease from <paramref name="currentOwner"/> while that owner still holds it (its process is
    /// gone, or an operator asked to take over), or when nobody holds it or the lease expired. The previous owner's next
    /// write finds the lease lost.
    /// </summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="currentOwner">The owner token the caller saw holding the lease.</param>
    /// <param name="owner">A token unique to this run.</param>
    /// <param name="duration">How long the lease lasts without a renewal or write extending it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease, or <see langword="null"/> when yet another owner holds it now (or the connector does not exist).</returns>
    Task<ListSyncLease?> TryTakeOverLeaseAsync(string segmentId, string listId, string currentOwner, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends the lease by <see cref="ListSyncLease.Duration"/> from now (the run's heartbeat).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new expiry.</returns>
    /// <exception cref="ListSyncLeaseLostException">The lease is no longer held.</exception>
    Task<DateTimeOffset> RenewLeaseAsync(ListSyncLease lease, CancellationToken cancellationToken);

    /// <summary>Gives the lease back (nothing happens when it was already lost).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    Task ReleaseLeaseAsync(ListSyncLease lease, CancellationToken cancellationToken);

    /// <summary>Empties the connector's staging area (a run's first step).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the staging area is empty.</returns>
    /// <exception cref="ListSyncLeaseLostException">The lease is no longer held.</exception>
    Task ClearStagingAsync(ListSyncLease lease, CancellationToken cancellationToken);

    /// <summary>Adds resolved members of the new membership to the staging area (user ids distinct within the call).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="members">Resolved members (<see cref="SegmentMember.Resolve"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the members are staged.</returns>
    /// <exception cref="ListSyncLeaseLostException">The lease is no longer held.</exception>
    Task StageMembersAsync(ListSyncLease lease, IReadOnlyList<SegmentMember> members, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the whole membership is staged, before the delta is read: counts the staged membership. A store may
    /// compute the delta here in one set-based pass (the PostgreSQL store does); the pending reads then only look at it.
    /// </summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ListSyncLeaseLostException">The lease is no longer held.</exception>
    Task<ListSyncStagingSummary> CompleteStagingAsync(ListSyncLease lease, CancellationToken cancellationToken);

    /// <summary>
    /// Reads staged members that are not in the snapshot, or whose identifiers differ from it, in user-id order
    /// after <paramref name="afterUserId"/>. A snapshot entry that is not in the list (rejected) with the same
    /// identifiers is not pending.
    /// </summary>
    /// <param name="lease">The lease.</param>
    /// <param name="afterUserId">Read user ids ordinally greater than this; <see langword="null"/> to start.</param>
    /// <param name="limit">The most rows to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pending additions and updates.</returns>
    Task<IReadOnlyList<ListSyncPendingUpsert>> ReadPendingUpsertsAsync(ListSyncLease lease, string? afterUserId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Reads, in user-id order after <paramref name="afterUserId"/>, snapshot entries whose user id is not staged, and
    /// entries in the list whose user id is staged with identifiers that share none (email, phone, external id) with the
    /// entry: Klaviyo resolves those to another profile, so the old one must leave the list before the new one is added.
    /// </summary>
    /// <param name="lease">The lease.</param>
    /// <param name="afterUserId">Read user ids ordinally greater than this; <see langword="null"/> to start.</param>
    /// <param name="limit">The most rows to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pending removals.</returns>
    Task<IReadOnlyList<ListSyncPendingRemoval>> ReadPendingRemovalsAsync(ListSyncLease lease, string? afterUserId, int limit, CancellationToken cancellationToken);

    /// <summary>Writes snapshot entries (insert or replace by user id) in one transaction.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="entries">The entries Klaviyo answered for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the transaction committed.</returns>
    /// <exception cref="ListSyncLeaseLostException">The lease is no longer held; nothing was written.</exception>
    Task CommitUpsertsAsync(ListSyncLease lease, IReadOnlyList<ListSyncSnapshotEntry> entries, CancellationToken cancellationToken);

    /// <summary>Deletes snapshot entries by user id in one transaction.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="userIds">The user ids Klaviyo removed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the transaction committed.</returns>
    /// <exception cref="ListSyncLeaseLostException">The lease is no longer held; nothing was written.</exception>
    Task CommitRemovalsAsync(ListSyncLease lease, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a run in one transaction: records status, last error and (when given) last-synced time, empties the
    /// staging area and releases the lease. A connector deactivated during the run stays
    /// <see cref="ListSyncConnectorStatus.Inactive"/>.
    /// </summary>
    /// <param name="lease">The lease.</param>
    /// <param name="completion">What to record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connector as stored afterwards.</returns>
    /// <exception cref="ListSyncLeaseLostException">The lease is no longer held; nothing was written.</exception>
    Task<ListSyncConnector> CompleteRunAsync(ListSyncLease lease, ListSyncRunCompletion completion, CancellationToken cancellationToken);

    /// <summary>Reads the connector's snapshot in user-id order (reports and tests).</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="afterUserId">Read user ids ordinally greater than this; <see langword="null"/> to start.</param>
    /// <param name="limit">The most rows to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries (empty when the connector does not exist).</returns>
    Task<IReadOnlyList<ListSyncSnapshotEntry>> ReadSnapshotAsync(string segmentId, string listId, string? afterUserId, int limit, CancellationToken cancellationToken);

    /// <summary>Records that a user id has an email (from an identify event), for one segment or for all.</summary>
    /// <param name="segmentId">The segment the link applies to, or <see langword="null"/> for every segment.</param>
    /// <param name="userId">The user id.</param>
    /// <param name="email">The normalized email.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the link is stored.</returns>
    Task LinkIdentityAsync(string? segmentId, string userId, string email, CancellationToken cancellationToken);

    /// <summary>Looks up linked emails; a link for the segment wins over a link for every segment.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="userIds">The user ids (at most a staging batch).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The emails by user id, for the user ids that have one.</returns>
    Task<IReadOnlyDictionary<string, string>> GetLinkedEmailsAsync(string segmentId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);
}
