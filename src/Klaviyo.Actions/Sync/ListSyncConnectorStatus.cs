namespace Klaviyo.Actions.Sync;

/// <summary>Whether a connector syncs, and whether its last run failed.</summary>
public enum ListSyncConnectorStatus
{
    /// <summary>Registered but not syncing (the state a connector is created in): sync runs are skipped.</summary>
    Inactive,

    /// <summary>Syncing after each recompute.</summary>
    Active,

    /// <summary>
    /// The last run failed in a way a person must fix (invalid or revoked API key, missing permission, wrong list id);
    /// <see cref="ListSyncConnector.LastError"/> says what. The next run retries and returns the connector to
    /// <see cref="Active"/> when it succeeds.
    /// </summary>
    Error,
}
