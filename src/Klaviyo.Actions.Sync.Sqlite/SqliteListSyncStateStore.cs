using Microsoft.Data.Sqlite;

namespace Klaviyo.Actions.Sync.Sqlite;

/// <summary>
/// The embedded <see cref="IListSyncStateStore"/>: one SQLite file (WAL mode) holding connectors, snapshots, the
/// staging area and identity links. Meant for one process; several store instances in that process (or processes
/// on one machine) are kept apart by the lease row, which is taken and checked inside <c>BEGIN IMMEDIATE</c>
/// transactions.
/// </summary>
/// <remarks>
/// The file holds emails and phone numbers (the identifiers last sent to Klaviyo): protect it like the rest of the
/// application's personal data. No API key is ever stored, only credential names.
/// </remarks>
public sealed partial class SqliteListSyncStateStore : IListSyncStateStore
{
    private const string GlobalSegment = "";

    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly TimeProvider _timeProvider;
    private readonly object _initGate = new();
    private Task? _initialization;

    /// <summary>Creates the store. Nothing is opened until the first call.</summary>
    /// <param name="options">The file and timeouts.</param>
    /// <param name="timeProvider">The clock for lease expiry and timestamps; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The database path is empty.</exception>
    public SqliteListSyncStateStore(SqliteListSyncStateStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, "options.DatabasePath");
        if (options.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "SqliteListSyncStateStoreOptions.BusyTimeout must not be negative.");
        }

        _databasePath = Path.GetFullPath(options.DatabasePath);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_initGate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = Task.Run(InitializeCore, CancellationToken.None);
            }

            return _initialization.IsCompletedSuccessfully ? Task.CompletedTask : _initialization.WaitAsync(cancellationToken);
        }
    }

    private void InitializeCore()
    {
        string? folder = Path.GetDirectoryName(_databasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var wal = Command(connection, null, "PRAGMA journal_mode = WAL;"))
        {
            wal.ExecuteNonQuery();
        }

        using var transaction = BeginWrite(connection);
        using (var table = Command(connection, transaction, "CREATE TABLE IF NOT EXISTS klaviyo_sync_schema (version INTEGER NOT NULL);"))
        {
            table.ExecuteNonQuery();
        }

        long version;
        using (var read = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM klaviyo_sync_schema;"))
        {
            version = (long)read.ExecuteScalar()!;
        }

        for (long v = version; v < SqliteSchema.Migrations.Length; v++)
        {
            using var migrate = Command(connection, transaction, SqliteSchema.Migrations[v]);
            migrate.ExecuteNonQuery();
            using var record = Command(connection, transaction, "DELETE FROM klaviyo_sync_schema; INSERT INTO klaviyo_sync_schema (version) VALUES ($v);");
            record.Parameters.AddWithValue("$v", v + 1);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private long Now => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Every write is idempotent on Klaviyo's side, so losing the last commits on power loss only redoes them.
            await ExecuteAsync(connection, null, "PRAGMA synchronous = NORMAL;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Begins an IMMEDIATE transaction: the database's write lock is taken at once, so check-then-write is atomic.</summary>
    private static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    /// <summary>
    /// Checks that the lease is still this run's and extends it (returning the new expiry, Unix ms); throws
    /// <see cref="ListSyncLeaseLostException"/> otherwise.
    /// </summary>
    private async Task<long> FenceAsync(SqliteConnection connection, SqliteTransaction transaction, ListSyncLease lease, CancellationToken cancellationToken)
    {
        long expires = Now + (long)lease.Duration.TotalMilliseconds;
        using var command = Command(connection, transaction, """
            UPDATE klaviyo_sync_connectors SET lease_expires_at = $expires
            WHERE id = $id AND lease_owner = $owner;
            """);
        command.Parameters.AddWithValue("$expires", expires);
        command.Parameters.AddWithValue("$id", lease.ConnectorKey);
        command.Parameters.AddWithValue("$owner", lease.Owner);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new ListSyncLeaseLostException(lease.Connector.SegmentId, lease.Connector.ListId);
        }

        return expires;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
