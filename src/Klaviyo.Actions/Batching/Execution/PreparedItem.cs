namespace Klaviyo.Actions.Batching;

/// <summary>
/// A batch item after validation and measuring: what it sends, or its final outcome when it sends nothing.
/// Prepared once (on the producer's thread for the queue) and planned at flush time.
/// </summary>
internal abstract class PreparedItem
{
    protected PreparedItem(KlaviyoBatchItem item, long estimatedBytes)
    {
        Item = item;
        EstimatedBytes = estimatedBytes;
    }

    /// <summary>The item as given.</summary>
    public KlaviyoBatchItem Item { get; }

    /// <summary>Segment's name of the action.</summary>
    public string Action => Item.ActionName;

    /// <summary>The serialized size of its parts, for the queue's byte trigger.</summary>
    public long EstimatedBytes { get; }

    /// <summary>The final outcome of an item that will not be sent; <see langword="null"/> otherwise.</summary>
    public virtual KlaviyoItemOutcome? FinalOutcome => null;

    /// <summary>The endpoint its parts go to; <see langword="null"/> when it sends nothing.</summary>
    public virtual BulkEndpointDescriptor? Endpoint => null;

    /// <summary>What every request carrying its parts shares (list, source, historical flag).</summary>
    public virtual BulkGroupKey GroupKey => BulkGroupKey.None;

    /// <summary>Its parts' measures; empty when they are only known at flush time (removals).</summary>
    public virtual IReadOnlyList<BulkPartMeasure> PartMeasures => [];
}

/// <summary>An item that will not be sent (invalid, or it could not be prepared).</summary>
internal sealed class FinishedItem(KlaviyoBatchItem item, KlaviyoItemOutcome outcome) : PreparedItem(item, 0)
{
    public override KlaviyoItemOutcome? FinalOutcome { get; } = outcome;
}

/// <summary>An item that sends parts through one bulk endpoint with one group key.</summary>
/// <typeparam name="TPart">The endpoint's part type.</typeparam>
internal sealed class PartsItem<TPart> : PreparedItem
{
    public PartsItem(KlaviyoBatchItem item, BulkEndpointDescriptor endpoint, BulkGroupKey key, IReadOnlyList<TPart> parts, BulkPartMeasure[] measures, long bytes)
        : base(item, bytes)
    {
        Endpoint = endpoint;
        Key = key;
        Parts = parts;
        Measures = measures;
    }

    public BulkGroupKey Key { get; }

    public IReadOnlyList<TPart> Parts { get; }

    public BulkPartMeasure[] Measures { get; }

    /// <inheritdoc />
    public override BulkEndpointDescriptor Endpoint { get; }

    /// <inheritdoc />
    public override BulkGroupKey GroupKey => Key;

    /// <inheritdoc />
    public override IReadOnlyList<BulkPartMeasure> PartMeasures => Measures;
}

/// <summary>A list removal: its identifiers are resolved to profile ids at flush time.</summary>
internal sealed class RemovalItem(KlaviyoBatchItem item, IProfileIdentity identity, string listId) : PreparedItem(item, EstimatedRemovalBytes)
{
    /// <summary>A rough size of one profile id row, for the queue's byte trigger.</summary>
    public const int EstimatedRemovalBytes = 64;

    public IProfileIdentity Identity { get; } = identity;

    public string ListId { get; } = listId;

    /// <inheritdoc />
    public override BulkEndpointDescriptor Endpoint => BulkEndpointDescriptor.ListRemove;

    /// <inheritdoc />
    public override BulkGroupKey GroupKey => new(ListId);
}
