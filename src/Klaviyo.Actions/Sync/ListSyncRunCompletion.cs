namespace Klaviyo.Actions.Sync;

/// <summary>What <see cref="IListSyncStateStore.CompleteRunAsync"/> records at the end of a run.</summary>
/// <param name="Status">The status to record (<see cref="ListSyncConnectorStatus.Active"/> or <see cref="ListSyncConnectorStatus.Error"/>); an inactive connector stays inactive.</param>
/// <param name="LastError">The error to record (no personal data), or <see langword="null"/> to clear it.</param>
/// <param name="SyncedAt">The new last-synced time when every change was accepted; <see langword="null"/> keeps the old one.</param>
public sealed record ListSyncRunCompletion(ListSyncConnectorStatus Status, string? LastError, DateTimeOffset? SyncedAt);
