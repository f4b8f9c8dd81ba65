using System.Text;
using System.Text.Json;

namespace Klaviyo.Actions.Sync.Sqlite;

public sealed partial class SqliteListSyncStateStore
{
    /// <inheritdoc />
    public async Task LinkIdentityAsync(string? segmentId, string userId, string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(email);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var upsert = Command(connection, null, """
            INSERT INTO klaviyo_sync_identity_links (segment_id, user_id, email, linked_at)
            VALUES ($segment, $user, $email, $now)
            ON CONFLICT (segment_id, user_id) DO UPDATE SET email = excluded.email, linked_at = excluded.linked_at;
            """);
        upsert.Parameters.AddWithValue("$segment", segmentId ?? GlobalSegment);
        upsert.Parameters.AddWithValue("$user", userId);
        upsert.Parameters.AddWithValue("$email", email);
        upsert.Parameters.AddWithValue("$now", Now);
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetLinkedEmailsAsync(string segmentId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var linked = new Dictionary<string, string>(StringComparer.Ordinal);
        if (userIds.Count == 0)
        {
            return linked;
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // The user ids travel as one JSON array parameter, so any batch size fits SQLite's parameter limit.
        // Segment-specific links sort after global ones ('' < any segment id) and so overwrite them below.
        using var command = Command(connection, null, """
            SELECT user_id, email FROM klaviyo_sync_identity_links
            WHERE segment_id IN ($segment, '') AND user_id IN (SELECT value FROM json_each($ids))
            ORDER BY segment_id;
            """);
        command.Parameters.AddWithValue("$segment", segmentId);
        command.Parameters.AddWithValue("$ids", JsonArray(userIds));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            linked[reader.GetString(0)] = reader.GetString(1);
        }

        return linked;
    }

    private static string JsonArray(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
