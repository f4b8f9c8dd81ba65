namespace Klaviyo.Actions.Sync.PostgreSql;

/// <summary>Where <see cref="PostgreSqlListSyncStateStore"/> keeps the sync state.</summary>
public sealed class PostgreSqlListSyncStateStoreOptions
{
    /// <summary>The Npgsql connection string, e.g. <c>Host=db;Database=app;Username=sync;Password=…</c>. Required.</summary>
    public required string ConnectionString { get; set; }

    /// <summary>
    /// The schema the tables live in (created on first use): lower-case letters, digits and underscores, starting with a
    /// letter or underscore, at most 63 characters. Defaults to <c>klaviyo_sync</c>.
    /// </summary>
    public string Schema { get; set; } = PostgreSqlListSyncStateStore.DefaultSchema;
}
