namespace Klaviyo.Actions.Sync;

/// <summary>A staged member that is new to the list or whose identifiers changed.</summary>
/// <param name="Member">The resolved member as staged.</param>
/// <param name="Previous">The snapshot entry for the same user id, or <see langword="null"/> for a new member.</param>
public sealed record ListSyncPendingUpsert(SegmentMember Member, ListSyncSnapshotEntry? Previous);
