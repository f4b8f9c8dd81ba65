using System.Collections;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// One row of a bulk request body (one profile, one <c>events-bulk-create</c> entry, one profile id): its parts
/// in order. Most rows hold one part; events of the same profile share a row.
/// </summary>
/// <typeparam name="TPart">The endpoint's part type.</typeparam>
internal sealed class BulkRow<TPart> : IReadOnlyList<TPart>
{
    private readonly List<PlannedPart<TPart>> _parts;

    public BulkRow(PlannedPart<TPart> first)
    {
        _parts = [first];
    }

    private BulkRow(List<PlannedPart<TPart>> parts)
    {
        _parts = parts;
    }

    /// <summary>The planned parts, with their item indices.</summary>
    public IReadOnlyList<PlannedPart<TPart>> Planned => _parts;

    /// <inheritdoc />
    public int Count => _parts.Count;

    /// <inheritdoc />
    public TPart this[int index] => _parts[index].Value;

    public void Add(PlannedPart<TPart> part) => _parts.Add(part);

    /// <summary>A copy of this row without the parts at the given positions; <see langword="null"/> when nothing is left.</summary>
    public BulkRow<TPart>? Without(HashSet<int> positions)
    {
        List<PlannedPart<TPart>>? kept = null;
        for (int i = 0; i < _parts.Count; i++)
        {
            if (!positions.Contains(i))
            {
                (kept ??= new List<PlannedPart<TPart>>(_parts.Count)).Add(_parts[i]);
            }
        }

        return kept is null ? null : new BulkRow<TPart>(kept);
    }

    /// <inheritdoc />
    public IEnumerator<TPart> GetEnumerator()
    {
        foreach (var part in _parts)
        {
            yield return part.Value;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
