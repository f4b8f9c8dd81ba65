using Klaviyo.Actions.Sync.PostgreSql;
using Klaviyo.Actions.Sync.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Klaviyo.Actions.Sync.Tests.Infrastructure;

/// <summary>Makes fresh, isolated state stores for one test, and more instances over the same state (other workers).</summary>
public interface IStoreFactory : IAsyncDisposable
{
    /// <summary>A new store instance over this test's state.</summary>
    IListSyncStateStore Create(TimeProvider timeProvider);
}

/// <summary>SQLite: one temporary file per test.</summary>
public sealed class SqliteStoreFactory : IStoreFactory
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klaviyo-sync-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_folder, "state.db");

    public IListSyncStateStore Create(TimeProvider timeProvider) =>
        new SqliteListSyncStateStore(new SqliteListSyncStateStoreOptions { DatabasePath = DatabasePath }, timeProvider);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS eventually.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: one schema for the test run (unique to it, dropped at the end by <see cref="PostgresSchemaCleanup"/>),
/// emptied after each test. Ignores the test when no server is configured.
/// </summary>
public sealed class PostgreSqlStoreFactory : IStoreFactory
{
    /// <summary>The run's schema.</summary>
    public static readonly string Schema = "sync_test_" + Guid.NewGuid().ToString("N")[..16];

    private readonly NpgsqlDataSource _dataSource = PostgresTestDatabase.DataSourceOrIgnore();

    public IListSyncStateStore Create(TimeProvider timeProvider)
    {
        PostgresSchemaCleanup.Used(_dataSource);
        return new PostgreSqlListSyncStateStore(_dataSource, Schema, timeProvider);
    }

    public async ValueTask DisposeAsync()
    {
        // DELETE rather than TRUNCATE: the tables are tiny and TRUNCATE's exclusive locks and file work are slow.
        await using var empty = _dataSource.CreateCommand($"""
            DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = '{Schema}' AND tablename = 'identity_links') THEN
                DELETE FROM "{Schema}".staging;
                DELETE FROM "{Schema}".delta;
                DELETE FROM "{Schema}".snapshot;
                DELETE FROM "{Schema}".connectors;
                DELETE FROM "{Schema}".identity_links;
              END IF;
            END $$;
            """);
        await empty.ExecuteNonQueryAsync();
    }
}
