using Microsoft.Data.Sqlite;

namespace Klaviyo.Actions.Sync.Sqlite;

public sealed partial class SqliteListSyncStateStore
{
    private const string ConnectorColumns =
        "id, segment_id, list_id, credential_name, status, last_error, last_error_at, last_synced_at, created_at, lease_owner, lease_expires_at";

    /// <inheritdoc />
    public async Task<ListSyncConnector> CreateOrUpdateConnectorAsync(ListSyncConnectorRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        using (var upsert = Command(connection, transaction, """
            INSERT INTO klaviyo_sync_connectors (segment_id, list_id, credential_name, status, created_at, updated_at)
            VALUES ($segment, $list, $credential, $status, $now, $now)
            ON CONFLICT (segment_id, list_id) DO UPDATE SET credential_name = excluded.credential_name, updated_at = excluded.updated_at;
            """))
        {
            upsert.Parameters.AddWithValue("$segment", registration.SegmentId);
            upsert.Parameters.AddWithValue("$list", registration.ListId);
            upsert.Parameters.AddWithValue("$credential", registration.CredentialName);
            upsert.Parameters.AddWithValue("$status", StatusText(registration.InitialStatus));
            upsert.Parameters.AddWithValue("$now", Now);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var connector = await ReadConnectorAsync(connection, transaction, registration.SegmentId, registration.ListId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return connector!.Value.Connector;
    }

    /// <inheritdoc />
    public async Task<ListSyncConnector?> GetConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadConnectorAsync(connection, null, segmentId, listId, cancellationToken).ConfigureAwait(false))?.Connector;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ListSyncConnector>> GetConnectorsAsync(string segmentId, CancellationToken cancellationToken) =>
        ReadConnectorsAsync("segment_id = $key ORDER BY list_id", segmentId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ListSyncConnector>> GetConnectorsForListAsync(string listId, CancellationToken cancellationToken) =>
        ReadConnectorsAsync("list_id = $key ORDER BY segment_id", listId, cancellationToken);

    /// <inheritdoc />
    public async Task<ListSyncConnector?> SetStatusAsync(string segmentId, string listId, ListSyncConnectorStatus status, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        using (var update = Command(connection, transaction, """
            UPDATE klaviyo_sync_connectors SET status = $status, updated_at = $now
            WHERE segment_id = $segment AND list_id = $list;
            """))
        {
            update.Parameters.AddWithValue("$status", StatusText(status));
            update.Parameters.AddWithValue("$now", Now);
            update.Parameters.AddWithValue("$segment", segmentId);
            update.Parameters.AddWithValue("$list", listId);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }
        }

        var connector = await ReadConnectorAsync(connection, transaction, segmentId, listId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return connector?.Connector;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        var found = await ReadConnectorAsync(connection, transaction, segmentId, listId, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return false;
        }

        using (var delete = Command(connection, transaction, """
            DELETE FROM klaviyo_sync_snapshot WHERE connector_id = $id;
            DELETE FROM klaviyo_sync_staging WHERE connector_id = $id;
            DELETE FROM klaviyo_sync_connectors WHERE id = $id;
            """))
        {
            delete.Parameters.AddWithValue("$id", found.Value.Key);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<ListSyncLease?> TryAcquireLeaseAsync(string segmentId, string listId, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        long now = Now;
        long expires = now + (long)duration.TotalMilliseconds;
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        using (var take = Command(connection, transaction, """
            UPDATE klaviyo_sync_connectors SET lease_owner = $owner, lease_expires_at = $expires
            WHERE segment_id = $segment AND list_id = $list
              AND (lease_owner IS NULL OR lease_expires_at <= $now);
            """))
        {
            take.Parameters.AddWithValue("$owner", owner);
            take.Parameters.AddWithValue("$expires", expires);
            take.Parameters.AddWithValue("$segment", segmentId);
            take.Parameters.AddWithValue("$list", listId);
            take.Parameters.AddWithValue("$now", now);
            if (await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }
        }

        var connector = (await ReadConnectorAsync(connection, transaction, segmentId, listId, cancellationToken).ConfigureAwait(false))!.Value;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ListSyncLease
        {
            ConnectorKey = connector.Key,
            Connector = connector.Connector,
            Owner = owner,
            Duration = duration,
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(expires),
        };
    }

    /// <inheritdoc />
    public async Task<ListSyncLease?> TryTakeOverLeaseAsync(string segmentId, string listId, string currentOwner, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(currentOwner);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        long now = Now;
        long expires = now + (long)duration.TotalMilliseconds;
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        using (var take = Command(connection, transaction, """
            UPDATE klaviyo_sync_connectors SET lease_owner = $owner, lease_expires_at = $expires
            WHERE segment_id = $segment AND list_id = $list
              AND (lease_owner IS NULL OR lease_owner = $current OR lease_expires_at <= $now);
            """))
        {
            take.Parameters.AddWithValue("$owner", owner);
            take.Parameters.AddWithValue("$current", currentOwner);
            take.Parameters.AddWithValue("$expires", expires);
            take.Parameters.AddWithValue("$segment", segmentId);
            take.Parameters.AddWithValue("$list", listId);
            take.Parameters.AddWithValue("$now", now);
            if (await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }
        }

        var connector = (await ReadConnectorAsync(connection, transaction, segmentId, listId, cancellationToken).ConfigureAwait(false))!.Value;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ListSyncLease
        {
            ConnectorKey = connector.Key,
            Connector = connector.Connector,
            Owner = owner,
            Duration = duration,
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(expires),
        };
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> RenewLeaseAsync(ListSyncLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        long expires = await FenceAsync(connection, transaction, lease, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.FromUnixTimeMilliseconds(expires);
    }

    /// <inheritdoc />
    public async Task ReleaseLeaseAsync(ListSyncLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var release = Command(connection, null, """
            UPDATE klaviyo_sync_connectors SET lease_owner = NULL, lease_expires_at = NULL
            WHERE id = $id AND lease_owner = $owner;
            """);
        release.Parameters.AddWithValue("$id", lease.ConnectorKey);
        release.Parameters.AddWithValue("$owner", lease.Owner);
        await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ListSyncConnector> CompleteRunAsync(ListSyncLease lease, ListSyncRunCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(completion);
        long now = Now;
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        await FenceAsync(connection, transaction, lease, cancellationToken).ConfigureAwait(false);
        using (var update = Command(connection, transaction, """
            UPDATE klaviyo_sync_connectors
            SET status = CASE WHEN status = 'inactive' THEN 'inactive' ELSE $status END,
                last_error = $error,
                last_error_at = CASE WHEN $error IS NULL THEN NULL ELSE $now END,
                last_synced_at = COALESCE($synced, last_synced_at),
                updated_at = $now,
                lease_owner = NULL,
                lease_expires_at = NULL
            WHERE id = $id;
            DELETE FROM klaviyo_sync_staging WHERE connector_id = $id;
            """))
        {
            update.Parameters.AddWithValue("$status", StatusText(completion.Status));
            update.Parameters.AddWithValue("$error", Db(completion.LastError));
            update.Parameters.AddWithValue("$now", now);
            update.Parameters.AddWithValue("$synced", completion.SyncedAt is { } synced ? synced.ToUnixTimeMilliseconds() : DBNull.Value);
            update.Parameters.AddWithValue("$id", lease.ConnectorKey);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var connector = (await ReadConnectorAsync(connection, transaction, lease.Connector.SegmentId, lease.Connector.ListId, cancellationToken).ConfigureAwait(false))!.Value;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return connector.Connector;
    }

    private async Task<IReadOnlyList<ListSyncConnector>> ReadConnectorsAsync(string where, string key, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"SELECT {ConnectorColumns} FROM klaviyo_sync_connectors WHERE {where};");
        command.Parameters.AddWithValue("$key", key);
        var connectors = new List<ListSyncConnector>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            connectors.Add(ReadConnector(reader).Connector);
        }

        return connectors;
    }

    private async Task<(long Key, ListSyncConnector Connector)?> ReadConnectorAsync(SqliteConnection connection, SqliteTransaction? transaction, string segmentId, string listId, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, $"SELECT {ConnectorColumns} FROM klaviyo_sync_connectors WHERE segment_id = $segment AND list_id = $list;");
        command.Parameters.AddWithValue("$segment", segmentId);
        command.Parameters.AddWithValue("$list", listId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadConnector(reader) : null;
    }

    private (long Key, ListSyncConnector Connector) ReadConnector(SqliteDataReader reader)
    {
        long? leaseExpires = reader.IsDBNull(10) ? null : reader.GetInt64(10);
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
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
            IsSyncing = held,
            LeaseHolder = held ? new ListSyncLeaseHolder { Owner = reader.GetString(9), ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(leaseExpires!.Value) } : null,
        };
        return (reader.GetInt64(0), connector);
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

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
