namespace Klaviyo.Actions.Batching;

/// <summary>The rows of one bulk request, within the endpoint's count and byte limits.</summary>
/// <typeparam name="TPart">The endpoint's part type.</typeparam>
internal sealed class BulkChunk<TPart>
{
    public BulkChunk(BulkEndpointDescriptor endpoint, BulkGroupKey key, int envelopeBytes)
    {
        Endpoint = endpoint;
        Key = key;
        Bytes = envelopeBytes;
    }

    public BulkEndpointDescriptor Endpoint { get; }

    public BulkGroupKey Key { get; }

    public List<BulkRow<TPart>> Rows { get; } = [];

    /// <summary>Parts counted against the endpoint's count limit.</summary>
    public int CountedParts { get; set; }

    /// <summary>All parts, merged or not.</summary>
    public int TotalParts { get; set; }

    /// <summary>The planned request size: envelope, rows and separators.</summary>
    public long Bytes { get; set; }
}
