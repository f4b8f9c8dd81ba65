namespace Klaviyo.Actions.Sync.Sqlite;

/// <summary>Where and how <see cref="SqliteListSyncStateStore"/> keeps its file.</summary>
public sealed class SqliteListSyncStateStoreOptions
{
    /// <summary>The database file (created with its folder when missing). Required.</summary>
    public required string DatabasePath { get; set; }

    /// <summary>
    /// How long a statement waits for another connection's write lock before failing. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
