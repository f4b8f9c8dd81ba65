using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Sync;

/// <summary>
/// Renews a run's lease on a <see cref="TimeProvider"/> timer, so a run outlives a short lease however long its target
/// calls take. A renewal that finds the lease lost cancels the run; other renewal failures are logged and retried at
/// the next tick (the lease survives two missed ones by default).
/// </summary>
internal sealed class ListSyncLeaseHeartbeat : IAsyncDisposable
{
    private readonly IListSyncStateStore _store;
    private readonly ListSyncLease _lease;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _run;
    private readonly object _gate = new();
    private readonly ITimer? _timer;
    private Task _beat = Task.CompletedTask;
    private bool _stopped;
    private volatile bool _lost;

    /// <summary>Starts the heartbeat.</summary>
    /// <param name="store">The store holding the lease.</param>
    /// <param name="lease">The run's lease.</param>
    /// <param name="interval">The renewal period; <see cref="Timeout.InfiniteTimeSpan"/> starts no heartbeat.</param>
    /// <param name="timeProvider">The clock whose timer drives the renewals.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="run">Cancelled when a renewal finds the lease lost.</param>
    public ListSyncLeaseHeartbeat(IListSyncStateStore store, ListSyncLease lease, TimeSpan interval, TimeProvider timeProvider, ILogger logger, CancellationTokenSource run)
    {
        _store = store;
        _lease = lease;
        _logger = logger;
        _run = run;
        if (interval != Timeout.InfiniteTimeSpan)
        {
            _timer = timeProvider.CreateTimer(static state => ((ListSyncLeaseHeartbeat)state!).Tick(), this, interval, interval);
        }
    }

    /// <summary>Whether a renewal found the lease held by someone else (the run was cancelled for it).</summary>
    public bool LeaseLost => _lost;

    /// <summary>Stops the timer and waits for a renewal in flight. Idempotent.</summary>
    public async Task StopAsync()
    {
        Task beat;
        lock (_gate)
        {
            _stopped = true;
            beat = _beat;
        }

        _timer?.Dispose();
        await beat.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private void Tick()
    {
        lock (_gate)
        {
            // One renewal at a time: a slow store skips a tick rather than piling renewals up.
            if (_stopped || !_beat.IsCompleted)
            {
                return;
            }

            _beat = BeatAsync();
        }
    }

    private async Task BeatAsync()
    {
        await Task.Yield(); // off the timer's thread and out of the lock
        string segmentId = _lease.Connector.SegmentId;
        string listId = _lease.Connector.ListId;
        try
        {
            var expires = await _store.RenewLeaseAsync(_lease, CancellationToken.None).ConfigureAwait(false);
            ListSyncLog.LeaseRenewed(_logger, segmentId, listId, expires);
        }
        catch (ListSyncLeaseLostException)
        {
            _lost = true;
            try
            {
                await _run.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The run already ended.
            }
        }
#pragma warning disable CA1031 // A failed renewal is retried at the next tick; the run's own writes fence it anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ListSyncLog.RenewalFailed(_logger, segmentId, listId, ex);
        }
    }
}
