namespace Klaviyo.Actions.Sync;

/// <summary>No connector is registered for a segment and list.</summary>
public sealed class ListSyncConnectorNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    public ListSyncConnectorNotFoundException(string segmentId, string listId)
        : base($"No list-sync connector is registered for segment '{segmentId}' and list '{listId}'. Register it with KlaviyoListSync.RegisterConnectorAsync first.")
    {
        SegmentId = segmentId;
        ListId = listId;
    }

    /// <summary>The segment id.</summary>
    public string SegmentId { get; }

    /// <summary>The list id.</summary>
    public string ListId { get; }
}
