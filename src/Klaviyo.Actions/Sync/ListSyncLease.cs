namespace Klaviyo.Actions.Sync;

/// <summary>A worker's exclusive right to sync one connector until <see cref="ExpiresAt"/> (extended by each write).</summary>
public sealed record ListSyncLease
{
    /// <summary>The store's key for the connector.</summary>
    public required long ConnectorKey { get; init; }

    /// <summary>The connector as it was when the lease was taken.</summary>
    public required ListSyncConnector Connector { get; init; }

    /// <summary>The token identifying the run that holds the lease.</summary>
    public required string Owner { get; init; }

    /// <summary>How long each write extends the lease.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>When the lease expires unless extended.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
