namespace Klaviyo.Actions.Sync;

/// <summary>
/// A run's lease on a connector expired and another worker took it over (or the connector was deleted); the
/// write was refused so the two runs cannot both change the state.
/// </summary>
public sealed class ListSyncLeaseLostException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    public ListSyncLeaseLostException(string segmentId, string listId)
        : base($"The sync lease on connector {segmentId} → {listId} is no longer held by this run; another worker owns it now. Nothing was written.")
    {
        SegmentId = segmentId;
        ListId = listId;
    }

    /// <summary>The segment id.</summary>
    public string SegmentId { get; }

    /// <summary>The list id.</summary>
    public string ListId { get; }
}
