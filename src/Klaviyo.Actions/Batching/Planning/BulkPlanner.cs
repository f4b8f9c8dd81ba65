namespace Klaviyo.Actions.Batching;

/// <summary>
/// Splits the parts of one group (endpoint + group key) into requests: next-fit in input order, closing a
/// request when the next part would pass the endpoint's count or byte limit. Parts too large for any request
/// are set aside (their items become invalid, never sent). Parts whose conflict key is already in the open
/// request wait for a later one. There is no cap on the number of groups or requests.
/// </summary>
internal static class BulkPlanner
{
    /// <summary>The separator between two rows of a JSON array.</summary>
    public const int RowSeparatorBytes = 1;

    /// <summary>Plans one group.</summary>
    /// <param name="endpoint">The endpoint's limits.</param>
    /// <param name="key">The group key every request carries.</param>
    /// <param name="envelopeBytes">The size of a request with this key and no rows.</param>
    /// <param name="parts">The group's parts, in input order.</param>
    /// <param name="chunks">Receives the requests, in order.</param>
    /// <param name="oversized">Receives the parts no request can hold.</param>
    public static void Plan<TPart>(
        BulkEndpointDescriptor endpoint,
        BulkGroupKey key,
        int envelopeBytes,
        IReadOnlyList<PlannedPart<TPart>> parts,
        List<BulkChunk<TPart>> chunks,
        List<PlannedPart<TPart>> oversized)
    {
        IReadOnlyList<PlannedPart<TPart>> pending = parts;
        while (pending.Count > 0)
        {
            pending = PlanPass(endpoint, key, envelopeBytes, pending, chunks, oversized);
        }
    }

    /// <summary>Whether a part can never fit in a request: over the per-part limit, or over the request limit alone.</summary>
    public static bool IsOversized(BulkEndpointDescriptor endpoint, int envelopeBytes, in BulkPartMeasure measure) =>
        (endpoint.MaxPartBytes is { } maxPart && measure.Bytes > maxPart) ||
        (long)envelopeBytes + measure.Bytes > endpoint.MaxRequestBytes;

    private static List<PlannedPart<TPart>> PlanPass<TPart>(
        BulkEndpointDescriptor endpoint,
        BulkGroupKey key,
        int envelopeBytes,
        IReadOnlyList<PlannedPart<TPart>> parts,
        List<BulkChunk<TPart>> chunks,
        List<PlannedPart<TPart>> oversized)
    {
        List<PlannedPart<TPart>>? deferred = null;
        var chunk = new BulkChunk<TPart>(endpoint, key, envelopeBytes);
        Dictionary<BulkKey, BulkRow<TPart>>? rowsByMergeKey = null;
        HashSet<BulkKey>? conflictKeys = null;

        for (int i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var measure = part.Measure;
            if (IsOversized(endpoint, envelopeBytes, measure))
            {
                oversized.Add(part);
                continue;
            }

            if (measure.ConflictKey is { IsNone: false } conflict && conflictKeys is not null && conflictKeys.Contains(conflict))
            {
                (deferred ??= []).Add(part);
                continue;
            }

            BulkRow<TPart>? row = null;
            if (measure.MergeKey is { IsNone: false } mergeKey && rowsByMergeKey is not null)
            {
                rowsByMergeKey.TryGetValue(mergeKey, out row);
            }

            if (!Fits(chunk, row, measure))
            {
                chunks.Add(chunk);
                chunk = new BulkChunk<TPart>(endpoint, key, envelopeBytes);
                rowsByMergeKey?.Clear();
                conflictKeys?.Clear();
                row = null;
            }

            if (row is not null)
            {
                row.Add(part);
                chunk.Bytes += measure.MergedBytes;
                chunk.CountedParts += endpoint.MergedPartsCount ? 1 : 0;
            }
            else
            {
                row = new BulkRow<TPart>(part);
                chunk.Bytes += measure.Bytes + (chunk.Rows.Count > 0 ? RowSeparatorBytes : 0);
                chunk.Rows.Add(row);
                chunk.CountedParts++;
                if (measure.MergeKey is { IsNone: false } newKey)
                {
                    (rowsByMergeKey ??= new Dictionary<BulkKey, BulkRow<TPart>>())[newKey] = row;
                }
            }

            chunk.TotalParts++;
            if (measure.ConflictKey is { IsNone: false } added)
            {
                (conflictKeys ??= new HashSet<BulkKey>()).Add(added);
            }
        }

        if (chunk.Rows.Count > 0)
        {
            chunks.Add(chunk);
        }

        return deferred ?? [];
    }

    private static bool Fits<TPart>(BulkChunk<TPart> chunk, BulkRow<TPart>? mergeRow, in BulkPartMeasure measure)
    {
        var endpoint = chunk.Endpoint;
        if (chunk.Rows.Count == 0)
        {
            return true;
        }

        int addedCount = mergeRow is not null && !endpoint.MergedPartsCount ? 0 : 1;
        long addedBytes = mergeRow is not null ? measure.MergedBytes : measure.Bytes + (long)RowSeparatorBytes;
        return chunk.CountedParts + addedCount <= endpoint.MaxParts &&
               chunk.Bytes + addedBytes <= endpoint.MaxRequestBytes;
    }
}
