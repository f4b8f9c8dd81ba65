namespace Klaviyo.Actions.Sync;

/// <summary>
/// A snapshot entry to take off the list: its user id left the segment, or its identifiers changed completely (the
/// member then comes back as an addition with the new identifiers).
/// </summary>
/// <param name="Entry">The entry.</param>
/// <param name="SharesIdentifierWithMember">
/// Whether a staged member has the same email, phone or external id: Klaviyo resolves both to one profile, so taking
/// it off the list would remove a current member; only the snapshot entry is dropped.
/// </param>
public sealed record ListSyncPendingRemoval(ListSyncSnapshotEntry Entry, bool SharesIdentifierWithMember);
