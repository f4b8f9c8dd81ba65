using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>Claims a partition's pending entries for this consumer (XPENDING for the delivery counts, then XCLAIM).</summary>
internal static class PendingClaimer
{
    private const int PageSize = 500;

    /// <summary>
    /// Claims pending entries idle at least <paramref name="minIdleMs"/> (0: all) that <paramref name="skip"/> does not
    /// exclude, in stream order, each with the delivery count it has after this claim.
    /// </summary>
    public static async Task<List<(StreamEntry Entry, int Deliveries)>> ClaimAsync(
        IDatabase db, RedisKey stream, string group, string consumer, long minIdleMs, Func<string, bool> skip)
    {
        var claimed = new List<(StreamEntry, int)>();
        RedisValue from = "-";
        while (true)
        {
            var page = await db.StreamPendingMessagesAsync(stream, group, PageSize, RedisValue.Null, from, "+").ConfigureAwait(false);
            if (page.Length == 0)
            {
                return claimed;
            }

            var wanted = page.Where(p => p.IdleTimeInMilliseconds >= minIdleMs && !skip(p.MessageId.ToString())).ToList();
            if (wanted.Count > 0)
            {
                var counts = wanted.ToDictionary(p => p.MessageId.ToString(), p => p.DeliveryCount, StringComparer.Ordinal);
                var entries = await db.StreamClaimAsync(stream, group, consumer, minIdleMs, [.. wanted.Select(p => p.MessageId)]).ConfigureAwait(false);
                foreach (var entry in entries.Where(e => !e.IsNull))
                {
                    claimed.Add((entry, counts.TryGetValue(entry.Id.ToString(), out int count) ? count + 1 : 1));
                }
            }

            if (page.Length < PageSize)
            {
                return claimed;
            }

            from = "(" + page[^1].MessageId;
        }
    }
}
