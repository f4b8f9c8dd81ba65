namespace Klaviyo.Actions.Sync.PostgreSql;

public sealed partial class PostgreSqlListSyncStateStore
{
    /// <inheritdoc />
    public Task LinkIdentityAsync(string? segmentId, string userId, string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(email);
        return WriteAsync(null, async (connection, transaction) =>
        {
            using var upsert = Command(connection, transaction, $"""
                INSERT INTO {_schema}.identity_links (segment_id, user_id, email, linked_at)
                VALUES (@segment, @user, @email, @now)
                ON CONFLICT (segment_id, user_id) DO UPDATE SET email = excluded.email, linked_at = excluded.linked_at;
                """);
            upsert.Parameters.AddWithValue("segment", segmentId ?? GlobalSegment);
            upsert.Parameters.AddWithValue("user", userId);
            upsert.Parameters.AddWithValue("email", email);
            upsert.Parameters.AddWithValue("now", Now);
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> GetLinkedEmailsAsync(string segmentId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(StringComparer.Ordinal));
        }

        return ReadAsync<IReadOnlyDictionary<string, string>>(async connection =>
        {
            // Global links ('') sort first, so a segment's own link overwrites them below.
            using var command = Command(connection, null, $"""
                SELECT user_id, email FROM {_schema}.identity_links
                WHERE segment_id IN (@segment, '') AND user_id = ANY (@users)
                ORDER BY segment_id;
                """);
            command.Parameters.AddWithValue("segment", segmentId);
            AddTextArray(command, "users", [.. userIds], u => u);
            var linked = new Dictionary<string, string>(StringComparer.Ordinal);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    linked[reader.GetString(0)] = reader.GetString(1);
                }
            }

            return linked;
        }, cancellationToken);
    }
}
