namespace Klaviyo.Actions.Sync;

/// <summary>How a sync run ended.</summary>
public enum ListSyncRunOutcome
{
    /// <summary>Every change was accepted (or permanently rejected) by Klaviyo; <c>last_synced_at</c> was updated.</summary>
    Completed,

    /// <summary>The run went through the whole delta but some members failed transiently; the next run retries them.</summary>
    Partial,

    /// <summary>A transient failure (rate limit, server error, network) stopped the run early; the next run carries on.</summary>
    Interrupted,

    /// <summary>Klaviyo refused the credentials or the list; the connector is now in <see cref="ListSyncConnectorStatus.Error"/>.</summary>
    Failed,

    /// <summary>The connector is inactive; nothing was read or sent.</summary>
    Skipped,

    /// <summary>Another worker holds the connector's lease; nothing was read or sent.</summary>
    AlreadyRunning,

    /// <summary>The lease expired and another worker took it over mid-run; this run stopped and that worker's state stands.</summary>
    LeaseLost,
}
