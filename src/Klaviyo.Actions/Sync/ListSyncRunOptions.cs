namespace Klaviyo.Actions.Sync;

/// <summary>Options for one <see cref="KlaviyoListSync.SyncAsync(string, string, IAsyncEnumerable{SegmentMember}, ListSyncRunOptions, CancellationToken)"/> run.</summary>
public sealed class ListSyncRunOptions
{
    /// <summary>
    /// Take the connector's lease over even when another worker holds it, for an operator who knows that worker is
    /// gone (e.g. a machine that died, whose lease would otherwise hold until it expires). A worker that is in fact
    /// still running stops at its next state write or renewal (<see cref="ListSyncRunOutcome.LeaseLost"/>), with
    /// what it committed kept. Defaults to false.
    /// </summary>
    public bool TakeOverLease { get; init; }
}
