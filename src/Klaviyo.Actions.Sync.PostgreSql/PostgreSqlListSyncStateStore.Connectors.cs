using Npgsql;

namespace Klaviyo.Actions.Sync.PostgreSql;

public sealed partial class PostgreSqlListSyncStateStore
{
    private const string ConnectorColumns =
        "id, segment_id, list_id, credential_name, status, last_error, last_error_at, last_synced_at, created_at, lease_owner, lease_expires_at";

    /// <inheritdoc />
    public Task<ListSyncConnector> CreateOrUpdateConnectorAsync(ListSyncConnectorRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return WriteAsync(null, async (connection, transaction) =>
        {
            using var upsert = Command(connection, transaction, $"""
                INSERT INTO {_schema}.connectors (segment_id, list_id, credential_name, status, created_at, updated_at)
                VALUES (@segment, @list, @credential, @status, @now, @now)
                ON CONFLICT (segment_id, list_id) DO UPDATE SET credential_name = excluded.credential_name, updated_at = excluded.updated_at
                RETURNING {ConnectorColumns};
                """);
            upsert.Parameters.AddWithValue("segment", registration.SegmentId);
            upsert.Parameters.AddWithValue("list", registration.ListId);
            upsert.Parameters.AddWithValue("credential", registration.CredentialName);
            upsert.Parameters.AddWithValue("status", StatusText(registration.InitialStatus));
            upsert.Parameters.AddWithValue("now", Now);
            return (await ReadOneConnectorAsync(upsert, cancellationToken).ConfigureAwait(false))!.Value.Connector;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ListSyncConnector?> GetConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            using var command = Command(connection, null, $"SELECT {ConnectorColumns} FROM {_schema}.connectors WHERE segment_id = @segment AND list_id = @list;");
            command.Parameters.AddWithValue("segment", segmentId);
            command.Parameters.AddWithValue("list", listId);
            return (await ReadOneConnectorAsync(command, cancellationToken).ConfigureAwait(false))?.Connector;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ListSyncConnector>> GetConnectorsAsync(string segmentId, CancellationToken cancellationToken) =>
        ReadConnectorsAsync("segment_id = @key ORDER BY list_id", segmentId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ListSyncConnector>> GetConnectorsForListAsync(string listId, CancellationToken cancellationToken) =>
        ReadConnectorsAsync("list_id = @key ORDER BY segment_id", listId, cancellationToken);

    /// <inheritdoc />
    public Task<ListSyncConnector?> SetStatusAsync(string segmentId, string listId, ListSyncConnectorStatus status, CancellationToken cancellationToken) =>
        WriteAsync(null, async (connection, transaction) =>
        {
            using var update = Command(connection, transaction, $"""
                UPDATE {_schema}.connectors SET status = @status, updated_at = @now
                WHERE segment_id = @segment AND list_id = @list
                RETURNING {ConnectorColumns};
                """);
            update.Parameters.AddWithValue("status", StatusText(status));
            update.Parameters.AddWithValue("now", Now);
            update.Parameters.AddWithValue("segment", segmentId);
            update.Parameters.AddWithValue("list", listId);
            return (await ReadOneConnectorAsync(update, cancellationToken).ConfigureAwait(false))?.Connector;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken) =>
        WriteAsync(null, async (connection, transaction) =>
        {
            using var find = Command(connection, transaction, $"SELECT id FROM {_schema}.connectors WHERE segment_id = @segment AND list_id = @list FOR UPDATE;");
            find.Parameters.AddWithValue("segment", segmentId);
            find.Parameters.AddWithValue("list", listId);
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long id)
            {
                return false;
            }

            // The snapshot goes with the connector (ON DELETE CASCADE); staging has no foreign key (it is unlogged).
            using var delete = Command(connection, transaction, $"""
                DELETE FROM {_schema}.staging WHERE connector_id = @id;
                DELETE FROM {_schema}.delta WHERE connector_id = @id;
                DELETE FROM {_schema}.connectors WHERE id = @id;
                """);
            delete.Parameters.AddWithValue("id", id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<ListSyncLease?> TryAcquireLeaseAsync(string segmentId, string listId, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return WriteAsync<ListSyncLease?>(null, async (connection, transaction) =>
        {
            var now = Now;
            var expires = now + duration;
            // Under READ COMMITTED a concurrent taker blocks on the row, then re-checks the condition against the
            // winner's committed row and updates nothing: one owner at a time.
            using var take = Command(connection, transaction, $"""
                UPDATE {_schema}.connectors SET lease_owner = @owner, lease_expires_at = @expires
                WHERE segment_id = @segment AND list_id = @list
                  AND (lease_owner IS NULL OR lease_expires_at <= @now)
                RETURNING {ConnectorColumns};
                """);
            take.Parameters.AddWithValue("owner", owner);
            take.Parameters.AddWithValue("expires", expires);
            take.Parameters.AddWithValue("segment", segmentId);
            take.Parameters.AddWithValue("list", listId);
            take.Parameters.AddWithValue("now", now);
            var row = await ReadOneConnectorAsync(take, cancellationToken).ConfigureAwait(false);
            return row is null
                ? null
                : new ListSyncLease { ConnectorKey = row.Value.Key, Connector = row.Value.Connector, Owner = owner, Duration = duration, ExpiresAt = expires };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ListSyncLease?> TryTakeOverLeaseAsync(string segmentId, string listId, string currentOwner, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(currentOwner);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return WriteAsync<ListSyncLease?>(null, async (connection, transaction) =>
        {
            var now = Now;
            var expires = now + duration;
            // As TryAcquireLeaseAsync, and also from the named owner: a concurrent taker re-checks against the winner.
            using var take = Command(connection, transaction, $"""
                UPDATE {_schema}.connectors SET lease_owner = @owner, lease_expires_at = @expires
                WHERE segment_id = @segment AND list_id = @list
                  AND (lease_owner IS NULL OR lease_owner = @current OR lease_expires_at <= @now)
                RETURNING {ConnectorColumns};
                """);
            take.Parameters.AddWithValue("owner", owner);
            take.Parameters.AddWithValue("current", currentOwner);
            take.Parameters.AddWithValue("expires", expires);
            take.Parameters.AddWithValue("segment", segmentId);
            take.Parameters.AddWithValue("list", listId);
            take.Parameters.AddWithValue("now", now);
            var row = await ReadOneConnectorAsync(take, cancellationToken).ConfigureAwait(false);
            return row is null
                ? null
                : new ListSyncLease { ConnectorKey = row.Value.Key, Connector = row.Value.Connector, Owner = owner, Duration = duration, ExpiresAt = expires };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset> RenewLeaseAsync(ListSyncLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return WriteAsync(null, (connection, transaction) => FenceAsync(connection, transaction, lease, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(ListSyncLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return WriteAsync(null, async (connection, transaction) =>
        {
            using var release = Command(connection, transaction, $"""
                UPDATE {_schema}.connectors SET lease_owner = NULL, lease_expires_at = NULL
                WHERE id = @id AND lease_owner = @owner;
                """);
            release.Parameters.AddWithValue("id", lease.ConnectorKey);
            release.Parameters.AddWithValue("owner", lease.Owner);
            return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ListSyncConnector> CompleteRunAsync(ListSyncLease lease, ListSyncRunCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(completion);
        return WriteAsync(lease, async (connection, transaction) =>
        {
            using (var clear = Command(connection, transaction, $"DELETE FROM {_schema}.staging WHERE connector_id = @id; DELETE FROM {_schema}.delta WHERE connector_id = @id;"))
            {
                clear.Parameters.AddWithValue("id", lease.ConnectorKey);
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var update = Command(connection, transaction, $"""
                UPDATE {_schema}.connectors
                SET status = CASE WHEN status = 'inactive' THEN 'inactive' ELSE @status END,
                    last_error = @error,
                    last_error_at = CASE WHEN @error::text IS NULL THEN NULL ELSE @now END,
                    last_synced_at = COALESCE(@synced, last_synced_at),
                    updated_at = @now,
                    lease_owner = NULL,
                    lease_expires_at = NULL
                WHERE id = @id
                RETURNING {ConnectorColumns};
                """);
            update.Parameters.AddWithValue("status", StatusText(completion.Status));
            update.Parameters.Add(new NpgsqlParameter<string?>("error", completion.LastError) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            update.Parameters.AddWithValue("now", Now);
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("synced", completion.SyncedAt) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            update.Parameters.AddWithValue("id", lease.ConnectorKey);
            return (await ReadOneConnectorAsync(update, cancellationToken).ConfigureAwait(false))!.Value.Connector;
        }, cancellationToken);
    }

    private Task<IReadOnlyList<ListSyncConnector>> ReadConnectorsAsync(string where, string key, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ListSyncConnector>>(async connection =>
        {
            using var command = Command(connection, null, $"SELECT {ConnectorColumns} FROM {_schema}.connectors WHERE {where};");
            command.Parameters.AddWithValue("key", key);
            var connectors = new List<ListSyncConnector>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    connectors.Add(ReadConnector(reader).Connector);
                }
            }

            return connectors;
        }, cancellationToken);

    private async Task<(long Key, ListSyncConnector Connector)?> ReadOneConnectorAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadConnector(reader) : null;
        }
    }

    private (long Key, ListSyncConnector Connector) ReadConnector(NpgsqlDataReader reader)
    {
        DateTimeOffset? leaseExpires = Time(reader, 10);
        bool held = !reader.IsDBNull(9) && leaseExpires > Now;
        var connector = new ListSyncConnector
        {
            SegmentId = reader.GetString(1),
            ListId = reader.GetString(2),
            CredentialName = reader.GetString(3),
            Status = ParseStatus(reader.GetString(4)),
            LastError = NullableString(reader, 5),
            LastErrorAt = Time(reader, 6),
            LastSyncedAt = Time(reader, 7),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(8),
            IsSyncing = held,
            LeaseHolder = held ? new ListSyncLeaseHolder { Owner = reader.GetString(9), ExpiresAt = leaseExpires!.Value } : null,
        };
        return (reader.GetInt64(0), connector);
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static string StatusText(ListSyncConnectorStatus status) => status switch
    {
        ListSyncConnectorStatus.Inactive => "inactive",
        ListSyncConnectorStatus.Active => "active",
        ListSyncConnectorStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown connector status."),
    };

    private static ListSyncConnectorStatus ParseStatus(string text) => text switch
    {
        "inactive" => ListSyncConnectorStatus.Inactive,
        "active" => ListSyncConnectorStatus.Active,
        "error" => ListSyncConnectorStatus.Error,
        _ => throw new InvalidDataException($"Unknown connector status '{text}' in the sync state."),
    };
}
