using Microsoft.Data.Sqlite;

namespace Klaviyo.Actions.Sync.Sqlite;

public sealed partial class SqliteListSyncStateStore
{
    /// <inheritdoc />
    public async Task ClearStagingAsync(ListSyncLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        await FenceAsync(connection, transaction, lease, cancellationToken).ConfigureAwait(false);
        using (var clear = Command(connection, transaction, "DELETE FROM klaviyo_sync_staging WHERE connector_id = $id;"))
        {
            clear.Parameters.AddWithValue("$id", lease.ConnectorKey);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StageMembersAsync(ListSyncLease lease, IReadOnlyList<SegmentMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(members);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        await FenceAsync(connection, transaction, lease, cancellationToken).ConfigureAwait(false);
        using (var insert = Command(connection, transaction, """
            INSERT INTO klaviyo_sync_staging (connector_id, user_id, email, phone_number, external_id)
            VALUES ($id, $user, $email, $phone, $external)
            ON CONFLICT (connector_id, user_id) DO UPDATE
            SET email = excluded.email, phone_number = excluded.phone_number, external_id = excluded.external_id;
            """))
        {
            insert.Parameters.AddWithValue("$id", lease.ConnectorKey);
            var user = insert.Parameters.Add("$user", SqliteType.Text);
            var email = insert.Parameters.Add("$email", SqliteType.Text);
            var phone = insert.Parameters.Add("$phone", SqliteType.Text);
            var external = insert.Parameters.Add("$external", SqliteType.Text);
            insert.Prepare();
            foreach (var member in members)
            {
                user.Value = member.UserId;
                email.Value = Db(member.Email);
                phone.Value = Db(member.PhoneNumber);
                external.Value = Db(member.ExternalId);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ListSyncStagingSummary> CompleteStagingAsync(ListSyncLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN email IS NULL THEN 1 ELSE 0 END), 0)
            FROM klaviyo_sync_staging WHERE connector_id = $id;
            """);
        command.Parameters.AddWithValue("$id", lease.ConnectorKey);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ListSyncStagingSummary(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ListSyncPendingUpsert>> ReadPendingUpsertsAsync(ListSyncLease lease, string? afterUserId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
            SELECT s.user_id, s.email, s.phone_number, s.external_id,
                   p.user_id, p.email, p.phone_number, p.external_id, p.profile_id, p.in_list
            FROM klaviyo_sync_staging s
            LEFT JOIN klaviyo_sync_snapshot p ON p.connector_id = s.connector_id AND p.user_id = s.user_id
            WHERE s.connector_id = $id AND s.user_id > $after
              AND (p.user_id IS NULL
                   OR p.email IS NOT s.email
                   OR p.phone_number IS NOT s.phone_number
                   OR p.external_id IS NOT s.external_id)
            ORDER BY s.user_id
            LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$id", lease.ConnectorKey);
        command.Parameters.AddWithValue("$after", afterUserId ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
        var pending = new List<ListSyncPendingUpsert>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var member = new SegmentMember(reader.GetString(0), NullableString(reader, 1), NullableString(reader, 2), NullableString(reader, 3));
            ListSyncSnapshotEntry? previous = reader.IsDBNull(4)
                ? null
                : new ListSyncSnapshotEntry(
                    new SegmentMember(reader.GetString(4), NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7)),
                    NullableString(reader, 8),
                    reader.GetInt64(9) != 0);
            pending.Add(new ListSyncPendingUpsert(member, previous));
        }

        return pending;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ListSyncPendingRemoval>> ReadPendingRemovalsAsync(ListSyncLease lease, string? afterUserId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
            SELECT p.user_id, p.email, p.phone_number, p.external_id, p.profile_id, p.in_list,
                   p.in_list = 1 AND (
                       (p.email IS NOT NULL AND EXISTS (
                           SELECT 1 FROM klaviyo_sync_staging e WHERE e.connector_id = $id AND e.email = p.email))
                    OR (p.external_id IS NOT NULL AND EXISTS (
                           SELECT 1 FROM klaviyo_sync_staging x WHERE x.connector_id = $id AND x.external_id = p.external_id))
                    OR (p.phone_number IS NOT NULL AND EXISTS (
                           SELECT 1 FROM klaviyo_sync_staging f WHERE f.connector_id = $id AND f.phone_number = p.phone_number)))
            FROM klaviyo_sync_snapshot p
            LEFT JOIN klaviyo_sync_staging s ON s.connector_id = p.connector_id AND s.user_id = p.user_id
            WHERE p.connector_id = $id AND p.user_id > $after
              AND (s.user_id IS NULL
                   OR (p.in_list = 1
                       AND NOT (COALESCE(p.email = s.email, 0)
                                OR COALESCE(p.phone_number = s.phone_number, 0)
                                OR COALESCE(p.external_id = s.external_id, 0))))
            ORDER BY p.user_id
            LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$id", lease.ConnectorKey);
        command.Parameters.AddWithValue("$after", afterUserId ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
        var pending = new List<ListSyncPendingRemoval>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pending.Add(new ListSyncPendingRemoval(ReadEntry(reader), reader.GetInt64(6) != 0));
        }

        return pending;
    }

    /// <inheritdoc />
    public async Task CommitUpsertsAsync(ListSyncLease lease, IReadOnlyList<ListSyncSnapshotEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(entries);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        await FenceAsync(connection, transaction, lease, cancellationToken).ConfigureAwait(false);
        using (var upsert = Command(connection, transaction, """
            INSERT INTO klaviyo_sync_snapshot (connector_id, user_id, email, phone_number, external_id, profile_id, in_list, synced_at)
            VALUES ($id, $user, $email, $phone, $external, $profile, $in_list, $now)
            ON CONFLICT (connector_id, user_id) DO UPDATE
            SET email = excluded.email, phone_number = excluded.phone_number, external_id = excluded.external_id,
                profile_id = excluded.profile_id, in_list = excluded.in_list, synced_at = excluded.synced_at;
            """))
        {
            upsert.Parameters.AddWithValue("$id", lease.ConnectorKey);
            upsert.Parameters.AddWithValue("$now", Now);
            var user = upsert.Parameters.Add("$user", SqliteType.Text);
            var email = upsert.Parameters.Add("$email", SqliteType.Text);
            var phone = upsert.Parameters.Add("$phone", SqliteType.Text);
            var external = upsert.Parameters.Add("$external", SqliteType.Text);
            var profile = upsert.Parameters.Add("$profile", SqliteType.Text);
            var inList = upsert.Parameters.Add("$in_list", SqliteType.Integer);
            upsert.Prepare();
            foreach (var entry in entries)
            {
                user.Value = entry.Member.UserId;
                email.Value = Db(entry.Member.Email);
                phone.Value = Db(entry.Member.PhoneNumber);
                external.Value = Db(entry.Member.ExternalId);
                profile.Value = Db(entry.ProfileId);
                inList.Value = entry.InList ? 1 : 0;
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CommitRemovalsAsync(ListSyncLease lease, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(userIds);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = BeginWrite(connection);
        await FenceAsync(connection, transaction, lease, cancellationToken).ConfigureAwait(false);
        using (var delete = Command(connection, transaction, "DELETE FROM klaviyo_sync_snapshot WHERE connector_id = $id AND user_id = $user;"))
        {
            delete.Parameters.AddWithValue("$id", lease.ConnectorKey);
            var user = delete.Parameters.Add("$user", SqliteType.Text);
            delete.Prepare();
            foreach (string userId in userIds)
            {
                user.Value = userId;
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ListSyncSnapshotEntry>> ReadSnapshotAsync(string segmentId, string listId, string? afterUserId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
            SELECT p.user_id, p.email, p.phone_number, p.external_id, p.profile_id, p.in_list
            FROM klaviyo_sync_snapshot p
            JOIN klaviyo_sync_connectors c ON c.id = p.connector_id
            WHERE c.segment_id = $segment AND c.list_id = $list AND p.user_id > $after
            ORDER BY p.user_id
            LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$segment", segmentId);
        command.Parameters.AddWithValue("$list", listId);
        command.Parameters.AddWithValue("$after", afterUserId ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<ListSyncSnapshotEntry>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    private static ListSyncSnapshotEntry ReadEntry(SqliteDataReader reader) => new(
        new SegmentMember(reader.GetString(0), NullableString(reader, 1), NullableString(reader, 2), NullableString(reader, 3)),
        NullableString(reader, 4),
        reader.GetInt64(5) != 0);
}
