namespace Klaviyo.Actions.Sync;

/// <summary>
/// Applies a list-sync delta to Klaviyo. The production implementation sits on the client's bulk APIs
/// (bulk profile import with the list relationship for additions; list-relationship deletes by profile id,
/// in chunks of 1,000, for removals); tests use an in-memory fake.
/// </summary>
/// <remarks>
/// <para>
/// Per-member answers go in the returned outcomes: one per member, in the members' order, carrying the member's
/// <see cref="SegmentMember.UserId"/>. The sync state records a member only when its outcome is
/// <see cref="ListSyncMemberOutcomeKind.Accepted"/>, so anything else is redone on the next run.
/// </para>
/// <para>
/// Whole-call failures are thrown: <see cref="KlaviyoApiException"/> with 401/403 (invalid, revoked or
/// under-privileged key) or 404 (unknown list) moves the connector to <see cref="ListSyncConnectorStatus.Error"/>;
/// a transient one (408/429/5xx) or an <see cref="HttpRequestException"/> ends the run early with the state of the
/// unfinished members untouched. Implementations retry rate-limited calls themselves (honouring Retry-After)
/// before giving up.
/// </para>
/// </remarks>
public interface IKlaviyoListSyncTarget
{
    /// <summary>
    /// Checks that the credentials work and the list exists (e.g. <c>GET /api/lists/{id}</c>). Called at the start
    /// of every run, before the membership is read.
    /// </summary>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the list was found.</returns>
    /// <exception cref="KlaviyoApiException">401/403 for key problems, 404 for an unknown list, or a transient status.</exception>
    Task ValidateAsync(string listId, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts the members' profiles and adds them to the list. <paramref name="members"/> are resolved
    /// (<see cref="SegmentMember.Resolve"/>): send <see cref="SegmentMember.Email"/>,
    /// <see cref="SegmentMember.PhoneNumber"/> and <see cref="SegmentMember.ExternalId"/> as they are. Members
    /// whose identifiers changed since the last sync come through here too (an upsert updates them).
    /// </summary>
    /// <param name="listId">The list id.</param>
    /// <param name="members">At most <see cref="ListSyncOptions.AddBatchSize"/> members with distinct user ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per member, in order.</returns>
    Task<IReadOnlyList<ListSyncMemberOutcome>> AddOrUpdateMembersAsync(string listId, IReadOnlyList<SegmentMember> members, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the members' profiles from the list; profiles are not deleted. Use
    /// <see cref="ListSyncRemoval.ProfileId"/> when known, otherwise resolve the profile from the identifiers.
    /// A profile that no longer exists or is not in the list counts as <see cref="ListSyncMemberOutcomeKind.Accepted"/>
    /// (the list is as wanted).
    /// </summary>
    /// <param name="listId">The list id.</param>
    /// <param name="members">At most <see cref="ListSyncOptions.RemoveBatchSize"/> members with distinct user ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per member, in order.</returns>
    Task<IReadOnlyList<ListSyncMemberOutcome>> RemoveMembersAsync(string listId, IReadOnlyList<ListSyncRemoval> members, CancellationToken cancellationToken);
}
