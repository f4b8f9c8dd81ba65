namespace Klaviyo.Actions.Sync;

/// <summary>A snapshot entry whose user id left the segment.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="SharesIdentifierWithMember">
/// Whether a staged member has the same email, phone or external id: Klaviyo resolves both to one profile, so taking
/// it off the list would remove a current member; only the snapshot entry is dropped.
/// </param>
public sealed record ListSyncPendingRemoval(ListSyncSnapshotEntry Entry, bool SharesIdentifierWithMember);
