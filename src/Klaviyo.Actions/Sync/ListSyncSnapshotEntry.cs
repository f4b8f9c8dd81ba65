namespace Klaviyo.Actions.Sync;

/// <summary>One member of a connector's last accepted snapshot.</summary>
/// <param name="Member">The member's resolved identifiers as Klaviyo accepted (or rejected) them.</param>
/// <param name="ProfileId">The Klaviyo profile id, when a target reported it.</param>
/// <param name="InList">
/// Whether the member is in the Klaviyo list; <see langword="false"/> for a member Klaviyo rejected, which is not
/// retried until its identifiers change.
/// </param>
public sealed record ListSyncSnapshotEntry(SegmentMember Member, string? ProfileId, bool InList);
