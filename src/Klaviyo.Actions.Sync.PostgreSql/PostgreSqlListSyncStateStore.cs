using System.Text.RegularExpressions;
using Npgsql;

namespace Klaviyo.Actions.Sync.PostgreSql;

/// <summary>
/// An <see cref="IListSyncStateStore"/> on PostgreSQL, for several workers sharing one sync state. A connector is
/// synced by one worker at a time: the worker holds a lease row (owner token + expiry on the connector row) that it
/// takes with a conditional <c>UPDATE</c>, and every later write re-checks and extends that lease inside its own
/// transaction (a fencing check), so a worker whose lease expired and was taken over cannot write any more.
/// </summary>
/// <remarks>
/// <para>
/// Why a lease row rather than a session advisory lock: a run can last hours under Klaviyo's rate limits; a lease
/// row needs no connection held open for that long, works behind transaction-pooling proxies (PgBouncer), and
/// fences late writes. The price: a worker that dies on another machine holds the connector until the lease expires
/// (<see cref="ListSyncOptions.LeaseDuration"/>, a minute; live runs renew it on a heartbeat, and a dead process of the
/// same machine is taken over at once). Lease times come from the workers' clocks (through <see cref="TimeProvider"/>),
/// so keep them NTP-synchronised; skew of a few seconds is harmless against a one-minute lease.
/// </para>
/// <para>
/// Tables live in one schema (<see cref="PostgreSqlListSyncStateStoreOptions.Schema"/>), created on first use under a
/// transaction-scoped advisory lock, so workers starting together migrate it once. The snapshot holds emails and
/// phone numbers: grant access to the schema accordingly. API keys are never stored, only credential names.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlListSyncStateStore : IListSyncStateStore, IAsyncDisposable, IDisposable
{
    /// <summary>The default schema name: <c>klaviyo_sync</c>.</summary>
    public const string DefaultSchema = "klaviyo_sync";

    private const string GlobalSegment = "";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _schema;
    private readonly TimeProvider _timeProvider;
    private readonly object _initGate = new();
    private Task? _initialization;

    /// <summary>Creates the store over a connection string (the store owns the connection pool it creates).</summary>
    /// <param name="options">The connection string and schema.</param>
    /// <param name="timeProvider">The clock for lease expiry and timestamps; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or the schema name is not a plain identifier.</exception>
    public PostgreSqlListSyncStateStore(PostgreSqlListSyncStateStoreOptions options, TimeProvider? timeProvider = null)
        : this(CreateDataSource(options), ownsDataSource: true, options.Schema, timeProvider)
    {
    }

    /// <summary>Creates the store over an application's data source (not disposed by the store).</summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="schema">The schema the tables live in.</param>
    /// <param name="timeProvider">The clock for lease expiry and timestamps; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The schema name is not a plain identifier.</exception>
    public PostgreSqlListSyncStateStore(NpgsqlDataSource dataSource, string schema = DefaultSchema, TimeProvider? timeProvider = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, schema, timeProvider)
    {
    }

    private PostgreSqlListSyncStateStore(NpgsqlDataSource dataSource, bool ownsDataSource, string schema, TimeProvider? timeProvider)
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

    /// <summary>The quoted schema name used in statements.</summary>
    internal string QuotedSchema => _schema;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken)
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

    private DateTimeOffset Now => _timeProvider.GetUtcNow();

    private async Task InitializeCoreAsync()
    {
        var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Workers starting together serialise here; the lock ends with the transaction.
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock(hashtext('klaviyo.actions.sync:' || '{_schema}'));").ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, $"""
                    CREATE SCHEMA IF NOT EXISTS {_schema};
                    CREATE TABLE IF NOT EXISTS {_schema}.schema_version (version integer NOT NULL);
                    """).ConfigureAwait(false);
                int version;
                using (var read = Command(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM {_schema}.schema_version;"))
                {
                    version = (int)(await read.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false))!;
                }

                for (int v = version; v < PostgreSqlSchema.Migrations.Length; v++)
                {
                    await ExecuteAsync(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, PostgreSqlSchema.Migrations[v], _schema)).ConfigureAwait(false);
                    await ExecuteAsync(connection, transaction, $"DELETE FROM {_schema}.schema_version; INSERT INTO {_schema}.schema_version (version) VALUES ({v + 1});").ConfigureAwait(false);
                }

                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs a read on an open connection.</summary>
    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await read(connection).ConfigureAwait(false);
        }
    }

    /// <summary>Runs writes in one transaction; with a lease, first checks it is still held and extends it.</summary>
    private async Task<T> WriteAsync<T>(ListSyncLease? lease, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (lease is not null)
                {
                    await FenceAsync(connection, transaction, lease, cancellationToken).ConfigureAwait(false);
                }

                var result = await write(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary>Checks that the lease is still this run's and extends it (returning the new expiry); throws <see cref="ListSyncLeaseLostException"/> otherwise.</summary>
    private async Task<DateTimeOffset> FenceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ListSyncLease lease, CancellationToken cancellationToken)
    {
        var expires = Now + lease.Duration;
        // Locks the connector row until commit: a worker trying to take the lease meanwhile waits, then sees it held.
        using var command = Command(connection, transaction, $"""
            UPDATE {_schema}.connectors SET lease_expires_at = @expires
            WHERE id = @id AND lease_owner = @owner;
            """);
        command.Parameters.AddWithValue("expires", expires);
        command.Parameters.AddWithValue("id", lease.ConnectorKey);
        command.Parameters.AddWithValue("owner", lease.Owner);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new ListSyncLeaseLostException(lease.Connector.SegmentId, lease.Connector.ListId);
        }

        return expires;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) => new(sql, connection, transaction);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static NpgsqlDataSource CreateDataSource(PostgreSqlListSyncStateStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, "options.ConnectionString");
        return NpgsqlDataSource.Create(options.ConnectionString);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
