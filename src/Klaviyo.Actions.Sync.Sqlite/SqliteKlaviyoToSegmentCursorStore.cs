using System.Globalization;
using Klaviyo.Actions.Sync.Segment;
using Microsoft.Data.Sqlite;

namespace Klaviyo.Actions.Sync.Sqlite;

/// <summary>
/// The embedded <see cref="IKlaviyoToSegmentCursorStore"/>: one table, <c>klaviyo_segment_cursors</c>, in a SQLite file —
/// the list-sync store's file or its own. Writes are committed with <c>synchronous = FULL</c>, so a cursor that was
/// stored survives a crash or power loss; positions are kept as UTC ticks, exactly.
/// </summary>
/// <remarks>Holds Klaviyo ids and times only, never personal data or the Segment write key.</remarks>
public sealed class SqliteKlaviyoToSegmentCursorStore : IKlaviyoToSegmentCursorStore
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS klaviyo_segment_cursors (
            sync_name  TEXT    NOT NULL,
            stream     TEXT    NOT NULL,
            position   INTEGER NOT NULL,
            seen       TEXT    NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (sync_name, stream)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly TimeProvider _timeProvider;
    private readonly object _initGate = new();
    private Task? _initialization;

    /// <summary>Creates the store. Nothing is opened until the first call.</summary>
    /// <param name="options">The file (the list-sync store's, to keep all sync state in one place) and the busy timeout.</param>
    /// <param name="timeProvider">The clock for <c>updated_at</c>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The database path is empty.</exception>
    public SqliteKlaviyoToSegmentCursorStore(SqliteListSyncStateStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, "options.DatabasePath");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, "options.BusyTimeout");
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
    public async Task<KlaviyoToSegmentCursor?> GetAsync(string syncName, string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(syncName);
        ArgumentNullException.ThrowIfNull(stream);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT position, seen FROM klaviyo_segment_cursors WHERE sync_name = $sync AND stream = $stream;";
            command.Parameters.AddWithValue("$sync", syncName);
            command.Parameters.AddWithValue("$stream", stream);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var position = new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero);
                string seen = reader.GetString(1);
                return new KlaviyoToSegmentCursor(position, seen.Length == 0 ? [] : seen.Split('\n'));
            }
        }
    }

    /// <inheritdoc />
    public async Task SetAsync(string syncName, string stream, KlaviyoToSegmentCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(syncName);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(cursor);
        if (cursor.Seen.Any(key => key.Contains('\n', StringComparison.Ordinal) || key.Length == 0))
        {
            throw new ArgumentException("Cursor keys must be non-empty and hold no line breaks.", nameof(cursor));
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO klaviyo_segment_cursors (sync_name, stream, position, seen, updated_at)
                VALUES ($sync, $stream, $position, $seen, $now)
                ON CONFLICT (sync_name, stream) DO UPDATE SET position = excluded.position, seen = excluded.seen, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$sync", syncName);
            command.Parameters.AddWithValue("$stream", stream);
            command.Parameters.AddWithValue("$position", cursor.Position.UtcTicks);
            command.Parameters.AddWithValue("$seen", string.Join('\n', cursor.Seen));
            command.Parameters.AddWithValue("$now", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var durable = connection.CreateCommand();
            durable.CommandText = "PRAGMA synchronous = FULL;";
            await durable.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task InitializeAsync(CancellationToken cancellationToken)
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
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; " + CreateTable;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SQLite cursor store at {_databasePath}");
}
