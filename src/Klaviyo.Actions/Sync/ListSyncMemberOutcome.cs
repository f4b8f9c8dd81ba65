namespace Klaviyo.Actions.Sync;

/// <summary>What Klaviyo did with one member of a list-sync call.</summary>
public enum ListSyncMemberOutcomeKind
{
    /// <summary>Klaviyo accepted the change; the sync state records it.</summary>
    Accepted,

    /// <summary>
    /// Klaviyo refused the member for good (e.g. an invalid email or phone): a new member is recorded as
    /// "not in the list" and not retried until its identifiers change; a removal is retried on the next run.
    /// </summary>
    Rejected,

    /// <summary>A transient failure (rate limit, server error, timeout): nothing is recorded and the next run retries.</summary>
    Failed,
}

/// <summary>The outcome of one member in an <see cref="IKlaviyoListSyncTarget"/> call.</summary>
/// <param name="UserId">The member's user id (must match the member at the same position).</param>
/// <param name="Kind">What happened.</param>
/// <param name="ProfileId">The Klaviyo profile id, when known; kept in the sync state to remove the member later without a look-up.</param>
/// <param name="ErrorCode">A short, personal-data-free reason for a rejection or failure (e.g. Klaviyo's error code).</param>
public sealed record ListSyncMemberOutcome(string UserId, ListSyncMemberOutcomeKind Kind, string? ProfileId = null, string? ErrorCode = null)
{
    /// <summary>An accepted member.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="profileId">The Klaviyo profile id, when known.</param>
    public static ListSyncMemberOutcome Accepted(string userId, string? profileId = null) => new(userId, ListSyncMemberOutcomeKind.Accepted, profileId);

    /// <summary>A member Klaviyo refused for good.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="errorCode">Why (no personal data).</param>
    public static ListSyncMemberOutcome Rejected(string userId, string errorCode) => new(userId, ListSyncMemberOutcomeKind.Rejected, null, errorCode);

    /// <summary>A member that failed transiently.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="errorCode">Why (no personal data).</param>
    public static ListSyncMemberOutcome Failed(string userId, string errorCode) => new(userId, ListSyncMemberOutcomeKind.Failed, null, errorCode);
}
