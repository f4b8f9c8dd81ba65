using System.Text.RegularExpressions;
using Klaviyo.Actions.Sync.Segment;
using Npgsql;

namespace Klaviyo.Actions.Sync.PostgreSql;

/// <summary>
/// An <see cref="IKlaviyoToSegmentCursorStore"/> on PostgreSQL: one table, <c>segment_cursors</c>, in the list-sync
/// store's schema (<see cref="PostgreSqlListSyncStateStore.DefaultSchema"/> by default), created on first use under a
/// transaction-scoped advisory lock. Positions are kept as UTC ticks (exact), seen keys as <c>text[]</c>; each write is
/// one committed upsert.
/// </summary>
/// <remarks>Holds Klaviyo ids and times only, never personal data or the Segment write key.</remarks>
public sealed partial class PostgreSqlKlaviyoToSegmentCursorStore : IKlaviyoToSegmentCursorStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _schema;
    private readonly TimeProvider _timeProvider;
    private readonly object _initGate = new();
    private Task? _initialization;

    /// <summary>Creates the store over a connection string (the store owns the connection pool it creates).</summary>
    /// <param name="options">The connection string and schema (the list-sync store's options fit).</param>
    /// <param name="timeProvider">The clock for <c>updated_at</c>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or the schema name is not a plain identifier.</exception>
    public PostgreSqlKlaviyoToSegmentCursorStore(PostgreSqlListSyncStateStoreOptions options, TimeProvider? timeProvider = null)
        : this(CreateDataSource(options), ownsDataSource: true, options.Schema, timeProvider)
    {
    }

    /// <summary>Creates the store over an application's data source (not disposed by the store).</summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="schema">The schema the table lives in.</param>
    /// <param name="timeProvider">The clock for <c>updated_at</c>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The schema name is not a plain identifier.</exception>
    public PostgreSqlKlaviyoToSegmentCursorStore(NpgsqlDataSource dataSource, string schema = PostgreSqlListSyncStateStore.DefaultSchema, TimeProvider? timeProvider = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, schema, timeProvider)
    {
    }

    private PostgreSqlKlaviyoToSegmentCursorStore(NpgsqlDataSource dataSource, bool ownsDataSource, string schema, TimeProvider? timeProvider)
    {
        if (schema is null || !SchemaName().IsMatch(schema))
        {
            if (ownsDataSource)
            {
                dataSource.Dispose();
            }

            throw new ArgumentException("The schema name must be lower-case letters, digits and underscores, start with a letter or underscore, and be at most 63 characters.", nameof(schema));
        }

        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _schema = "\"" + schema + "\"";
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<KlaviyoToSegmentCursor?> GetAsync(string syncName, string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(syncName);
        ArgumentNullException.ThrowIfNull(stream);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"SELECT position, seen FROM {_schema}.segment_cursors WHERE sync_name = @sync AND stream = @stream;", connection);
            command.Parameters.AddWithValue("sync", syncName);
            command.Parameters.AddWithValue("stream", stream);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return new KlaviyoToSegmentCursor(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), reader.GetFieldValue<string[]>(1));
            }
        }
    }

    /// <inheritdoc />
    public async Task SetAsync(string syncName, string stream, KlaviyoToSegmentCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(syncName);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(cursor);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"""
                INSERT INTO {_schema}.segment_cursors (sync_name, stream, position, seen, updated_at)
                VALUES (@sync, @stream, @position, @seen, @now)
                ON CONFLICT (sync_name, stream) DO UPDATE SET position = excluded.position, seen = excluded.seen, updated_at = excluded.updated_at;
                """, connection);
            command.Parameters.AddWithValue("sync", syncName);
            command.Parameters.AddWithValue("stream", stream);
            command.Parameters.AddWithValue("position", cursor.Position.UtcTicks);
            command.Parameters.AddWithValue("seen", cursor.Seen.ToArray());
            command.Parameters.AddWithValue("now", _timeProvider.GetUtcNow());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    private Task InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_initGate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = InitializeCoreAsync();
            }

            return _initialization.IsCompletedSuccessfully ? Task.CompletedTask : _initialization.WaitAsync(cancellationToken);
        }
    }

    private async Task InitializeCoreAsync()
    {
        var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Workers starting together serialise here (concurrent CREATE TABLE IF NOT EXISTS can still collide).
                using var command = new NpgsqlCommand($"""
                    SELECT pg_advisory_xact_lock(hashtext('klaviyo.actions.segment-cursors:' || '{_schema}'));
                    CREATE SCHEMA IF NOT EXISTS {_schema};
                    CREATE TABLE IF NOT EXISTS {_schema}.segment_cursors (
                        sync_name  text COLLATE "C" NOT NULL,
                        stream     text COLLATE "C" NOT NULL,
                        position   bigint NOT NULL,
                        seen       text[] NOT NULL,
                        updated_at timestamptz NOT NULL,
                        PRIMARY KEY (sync_name, stream)
                    );
                    """, connection, transaction);
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static NpgsqlDataSource CreateDataSource(PostgreSqlListSyncStateStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, "options.ConnectionString");
        return NpgsqlDataSource.Create(options.ConnectionString);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
