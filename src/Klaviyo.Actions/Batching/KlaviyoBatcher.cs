using System.Collections.Concurrent;
using System.Globalization;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// A background queue over <see cref="KlaviyoBulkClient"/>: a bounded channel whose items are kept in groups as the
/// planner splits requests (endpoint + list, source, historical flag). A group is sent on its own when it holds a full
/// Klaviyo request of its endpoint (count or bytes, whichever first) or reaches the optional
/// <see cref="KlaviyoBatchingOptions.MaxBatchItems"/> / <see cref="KlaviyoBatchingOptions.MaxBatchBytes"/> caps, and
/// when its oldest item has waited <see cref="KlaviyoBatchingOptions.MaxDelay"/>; everything is sent on
/// <see cref="FlushAsync"/> (the groups holding items queued before it) and on shutdown. Clean input therefore costs
/// ceil(N / limit) requests per endpoint and list. Every queued item's handle completes with exactly one outcome;
/// items that cannot be sent before a drain's deadline complete as <see cref="KlaviyoItemStatus.Failed"/>
/// with <see cref="KlaviyoItemOutcome.NotDeliveredBeforeShutdown"/>. The queue lives in memory: a process crash
/// loses what it holds. Dispose it (or let the host's shutdown service drain it) to deliver what is queued.
/// </summary>
public sealed class KlaviyoBatcher : IKlaviyoBatcher, IAsyncDisposable
{
    private readonly KlaviyoBulkClient _client;
    private readonly BulkEngine _engine;
    private readonly KlaviyoBatchingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly BatchingTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly Channel<QueueEntry> _channel;
    private readonly SemaphoreSlim _flushSlots;
    private readonly CancellationTokenSource _loopStop = new();
    private readonly CancellationTokenSource _sendStop = new();
    private readonly ConcurrentDictionary<FlushWork, byte> _inFlight = new();
    private readonly IDisposable _gauge;
    private readonly object _generationGate = new();
    private readonly object _drainGate = new();
    private readonly Task _loop;

    /// <summary>Items the flush loop moves into groups before it looks at queue-wide triggers again.</summary>
    private const int ItemsPerPass = 4_096;

    private FlushGeneration _generation = new(0);
    private long _flushedGeneration = -1;
    private Task _flushBarrier = Task.CompletedTask;
    private TaskCompletionSource _wake = NewSignal();
    private long _queued;
    private int _firstItemLogged;
    private volatile bool _closing;
    private Task<KlaviyoDrainReport>? _drain;
    private long _accepted, _invalid, _rejected, _failed, _notDelivered;

    /// <summary>
    /// Creates a queue that sends through <paramref name="client"/> (its transport, clock and, unless given here,
    /// its logging and <see cref="KlaviyoClientOptions.Batching"/>). Keep one per API key for the life of the app and
    /// dispose it (or let the host's shutdown service drain it) so queued items are delivered.
    /// </summary>
    /// <param name="client">The client to send through.</param>
    /// <param name="options">Queue and batching options; the client's <see cref="KlaviyoClientOptions.Batching"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logging; the client's when <see langword="null"/>.</param>
    /// <param name="meterFactory">Where the batching metrics are created; the process-wide meter when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public KlaviyoBatcher(KlaviyoClient client, KlaviyoBatchingOptions? options = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(new KlaviyoBulkClient(client, options, loggerFactory, meterFactory), loggerFactory ?? client.LoggerFactory)
    {
    }

    /// <summary>Creates a queue that sends through a bulk client, with that client's options and clock.</summary>
    /// <param name="bulkClient">The bulk client; its <see cref="KlaviyoBulkClient.Options"/> configure the queue.</param>
    /// <param name="loggerFactory">Logging; none when <see langword="null"/>.</param>
    public KlaviyoBatcher(KlaviyoBulkClient bulkClient, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(bulkClient);
        _client = bulkClient;
        _engine = bulkClient.Engine;
        _options = bulkClient.Options;
        _timeProvider = _engine.TimeProvider;
        _telemetry = _engine.Telemetry;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<KlaviyoBatcher>();
        _channel = Channel.CreateBounded<QueueEntry>(new BoundedChannelOptions(_options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _flushSlots = new SemaphoreSlim(_options.MaxConcurrentFlushes, _options.MaxConcurrentFlushes);
        _gauge = _telemetry.RegisterQueue(() => QueueLength);
        _loop = Task.Run(RunLoopAsync);
    }

    /// <inheritdoc />
    public long QueueLength => Math.Max(0, Interlocked.Read(ref _queued));

    /// <summary>Items still in the channel (not yet read by the flush loop); for tests.</summary>
    internal int ChannelCount => _channel.Reader.Count;

    /// <inheritdoc />
    public async ValueTask<Task<KlaviyoItemOutcome>> EnqueueAsync(KlaviyoBatchItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_closing)
        {
            throw Closed();
        }

        var prepared = _engine.Prepare(item);
        if (prepared.FinalOutcome is { } final)
        {
            Count(final);
            return Task.FromResult(final);
        }

        FlushGeneration generation;
        lock (_generationGate)
        {
            generation = _generation;
            generation.Add();
        }

        var entry = new QueueEntry(prepared, _timeProvider.GetTimestamp(), generation);
        Interlocked.Increment(ref _queued);
        try
        {
            if (_options.FullMode == QueueFullMode.FailFast)
            {
                if (!_channel.Writer.TryWrite(entry))
                {
                    throw _closing ? Closed() : new KlaviyoQueueFullException(_options.Capacity);
                }
            }
            else
            {
                await _channel.Writer.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ChannelClosedException)
        {
            NotQueued(entry);
            throw Closed();
        }
        catch
        {
            NotQueued(entry);
            throw;
        }

        if (Interlocked.Exchange(ref _firstItemLogged, 1) == 0)
        {
            BatchingLog.FirstItemQueued(
                _logger,
                _options.MaxBatchItems?.ToString(CultureInfo.InvariantCulture) ?? "no cap",
                _options.MaxBatchBytes?.ToString(CultureInfo.InvariantCulture) ?? "no cap",
                _options.MaxDelay);
        }

        return entry.Completion.Task;
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Task barrier;
        lock (_generationGate)
        {
            if (_generation.IsEmpty)
            {
                // Nothing was queued since the last flush request (or everything since has its outcome): the earlier
                // requests already cover what is waiting. Cheap, so callers may ask often.
                return _flushBarrier.WaitAsync(cancellationToken);
            }

            barrier = CloseGenerationLocked();
        }

        Wake();
        return barrier.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops accepting items, sends everything queued, and waits up to
    /// <see cref="KlaviyoBatchingOptions.ShutdownDrainTimeout"/> for every outcome.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait early, like the deadline (a host's stop token).</param>
    /// <returns>What happened to the items that were queued or in flight.</returns>
    public Task<KlaviyoDrainReport> DrainAsync(CancellationToken cancellationToken = default) =>
        DrainAsync(_options.ShutdownDrainTimeout, cancellationToken);

    /// <summary>
    /// Stops accepting items, sends everything queued, and waits up to <paramref name="timeout"/> for every
    /// outcome. At the deadline, requests in flight are cancelled and every item without an outcome completes as
    /// <see cref="KlaviyoItemStatus.Failed"/> with <see cref="KlaviyoItemOutcome.NotDeliveredBeforeShutdown"/>
    /// (items whose import job was being followed stay accepted, unconfirmed). Later calls return the first
    /// drain's report.
    /// </summary>
    /// <param name="timeout">The deadline, measured with the client's <see cref="TimeProvider"/>.</param>
    /// <param name="cancellationToken">Ends the wait early, like the deadline.</param>
    public Task<KlaviyoDrainReport> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        lock (_drainGate)
        {
            return _drain ??= DrainCoreAsync(timeout, cancellationToken);
        }
    }

    /// <summary>Drains with <see cref="KlaviyoBatchingOptions.ShutdownDrainTimeout"/>; see <see cref="DrainAsync(TimeSpan, CancellationToken)"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await DrainAsync().ConfigureAwait(false);
        _gauge.Dispose();
        if (_inFlight.IsEmpty)
        {
            _loopStop.Dispose();
            _sendStop.Dispose();
            _flushSlots.Dispose();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static ObjectDisposedException Closed() =>
        new(nameof(KlaviyoBatcher), "The Klaviyo queue is shutting down; the item was not accepted.");

    private async Task<KlaviyoDrainReport> DrainCoreAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var before = Snapshot();
        _closing = true;
        _channel.Writer.TryComplete();
        Task everything;
        lock (_generationGate)
        {
            everything = CloseGenerationLocked();
        }

        Wake();
        bool inTime = true;
        try
        {
            await Task.WhenAll(everything, _loop).WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            inTime = false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            inTime = false;
        }

        if (!inTime)
        {
            await _loopStop.CancelAsync().ConfigureAwait(false);
            await _sendStop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            foreach (var work in _inFlight.Keys)
            {
                foreach (var entry in work.Entries)
                {
                    Complete(entry, entry.Provisional ?? NotDelivered(entry));
                }
            }
        }

        var after = Snapshot();
        var report = new KlaviyoDrainReport(
            (int)(after.Accepted - before.Accepted),
            (int)(after.Invalid - before.Invalid),
            (int)(after.Rejected - before.Rejected),
            (int)(after.Failed - before.Failed),
            (int)(after.NotDelivered - before.NotDelivered),
            inTime);
        if (report.NotDelivered > 0)
        {
            BatchingLog.DrainIncomplete(_logger, report.NotDelivered);
        }

        BatchingLog.Drained(_logger, report.Accepted, report.Invalid, report.Rejected, report.Failed);
        return report;
    }

    private Task CloseGenerationLocked()
    {
        var closing = _generation;
        var closed = closing.Close();
        _generation = new FlushGeneration(closing.Sequence + 1);
        Volatile.Write(ref _flushedGeneration, closing.Sequence);
        _flushBarrier = _flushBarrier.IsCompleted ? closed : Task.WhenAll(_flushBarrier, closed);
        return _flushBarrier;
    }

    private void Wake() => Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();

    private async Task RunLoopAsync()
    {
        var stop = _loopStop.Token;
        var reader = _channel.Reader;
        var groups = new QueueGroups(_engine.MeasureEnvelope);
        QueueEntry? carried = null;
        Task<bool>? pendingRead = null;
        Task? delay = null;
        long delayFor = 0;
        CancellationTokenSource? delayStop = null;
        try
        {
            while (true)
            {
                var wake = Volatile.Read(ref _wake).Task;

                // Arrivals join their group; a group is sent on its own as soon as it holds a full request.
                int read = 0;
                while (read++ < ItemsPerPass && groups.Items < _options.Capacity && reader.TryRead(out var entry))
                {
                    carried = entry;
                    var group = groups.For(entry);
                    if (!group.Fits(entry))
                    {
                        await SendAsync(groups, group, FlushReason.Limit, stop).ConfigureAwait(false);
                        group = groups.For(entry);
                    }

                    groups.Add(group, entry);
                    carried = null;
                    if (group.Full(_options.MaxBatchItems, _options.MaxBatchBytes) is { } full)
                    {
                        await SendAsync(groups, group, full, stop).ConfigureAwait(false);
                    }
                }

                if (!groups.IsEmpty && await SendOnQueueTriggerAsync(groups, reader, stop).ConfigureAwait(false))
                {
                    continue;
                }

                if (groups.IsEmpty && reader.Completion.IsCompleted)
                {
                    break;
                }

                pendingRead ??= reader.WaitToReadAsync(stop).AsTask();
                if (groups.OldestAt() is { } oldest)
                {
                    if (delay is null || delayFor != oldest)
                    {
                        // The oldest item of any group sets the next delay flush.
                        StopDelay(ref delay, ref delayStop);
                        var remaining = _options.MaxDelay - _timeProvider.GetElapsedTime(oldest);
                        delayStop = new CancellationTokenSource();
                        delay = Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _timeProvider, delayStop.Token);
                        delayFor = oldest;
                    }

                    await Task.WhenAny(pendingRead, wake, delay).ConfigureAwait(false);
                }
                else
                {
                    StopDelay(ref delay, ref delayStop);
                    await Task.WhenAny(pendingRead, wake).ConfigureAwait(false);
                }

                stop.ThrowIfCancellationRequested();
                if (pendingRead is { IsCompleted: true })
                {
                    pendingRead = null;
                }

                if (delay is { IsCompleted: true })
                {
                    StopDelay(ref delay, ref delayStop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The drain's deadline passed: what is left is failed below.
        }
        catch (Exception exception)
        {
            BatchingLog.EngineFault(_logger, exception, groups.Items + (carried is null ? 0 : 1));
        }
        finally
        {
            StopDelay(ref delay, ref delayStop);
            _closing = true;
            _channel.Writer.TryComplete();
            var left = groups.TakeAll();
            if (carried is not null)
            {
                left.Add(carried);
            }

            while (reader.TryRead(out var entry))
            {
                left.Add(entry);
            }

            foreach (var entry in left)
            {
                Interlocked.Decrement(ref _queued);
                Complete(entry, NotDelivered(entry));
            }
        }
    }

    /// <summary>
    /// Sends what a queue-wide trigger asks for: everything on shutdown; the groups holding items a
    /// <see cref="FlushAsync"/> covers; the largest group when the groups hold <see cref="KlaviyoBatchingOptions.Capacity"/>
    /// items; the groups whose oldest item has waited <see cref="KlaviyoBatchingOptions.MaxDelay"/>. A shutdown or
    /// <see cref="FlushAsync"/> waits while the channel still holds items it covers: the loop reads those into their groups
    /// first, so a flush of N queued items costs ceil(N / limit) requests however far the loop lags behind the producers.
    /// Returns whether the loop should go on without waiting (it sent something, or covered items are still to be read).
    /// </summary>
    private async Task<bool> SendOnQueueTriggerAsync(QueueGroups groups, ChannelReader<QueueEntry> reader, CancellationToken stop)
    {
        long flushed = Volatile.Read(ref _flushedGeneration);
        bool coveredUnread = reader.TryPeek(out var next) && (_closing || next.Generation.Sequence <= flushed);
        if (!coveredUnread)
        {
            if (_closing)
            {
                await AcquireSlotAsync(stop).ConfigureAwait(false);
                Dispatch(groups.TakeAll(), FlushReason.Shutdown, null);
                return true;
            }

            if (groups.Any(g => g.FirstGeneration <= flushed))
            {
                await AcquireSlotAsync(stop).ConfigureAwait(false);
                Dispatch(groups.TakeWhere(g => g.FirstGeneration <= flushed), FlushReason.Explicit, null);
                return true;
            }
        }

        if (groups.Items >= _options.Capacity && groups.Largest() is { } largest)
        {
            await SendAsync(groups, largest, FlushReason.Capacity, stop).ConfigureAwait(false);
            return true;
        }

        if (!groups.Any(IsDue))
        {
            return coveredUnread;
        }

        await AcquireSlotAsync(stop).ConfigureAwait(false);
        Dispatch(groups.TakeWhere(IsDue), FlushReason.Delay, null);
        return true;
    }

    private bool IsDue(QueueGroup group) => _timeProvider.GetElapsedTime(group.OldestAt) >= _options.MaxDelay;

    /// <summary>Sends one group once a flush slot is free (the group keeps its items until then).</summary>
    private async Task SendAsync(QueueGroups groups, QueueGroup group, FlushReason reason, CancellationToken stop)
    {
        await AcquireSlotAsync(stop).ConfigureAwait(false);
        Dispatch(groups.Take(group), reason, group.Endpoint.Operation);
    }

    private static void StopDelay(ref Task? delay, ref CancellationTokenSource? delayStop)
    {
        if (delayStop is not null)
        {
            delayStop.Cancel();
            delayStop.Dispose();
            delayStop = null;
        }

        delay = null;
    }

    private Task AcquireSlotAsync(CancellationToken stop) => _flushSlots.WaitAsync(stop);

    /// <summary>Starts a flush of <paramref name="batch"/>; the caller holds a flush slot, which the flush gives back.</summary>
    private void Dispatch(List<QueueEntry> batch, FlushReason reason, string? operation)
    {
        Interlocked.Add(ref _queued, -batch.Count);
        _telemetry.RecordFlush(reason, operation);
        BatchingLog.Flushing(_logger, batch.Count, BatchingTelemetry.ReasonName(reason));
        var work = new FlushWork(batch);
        _inFlight.TryAdd(work, 0);
        _ = Task.Run(() => RunFlushAsync(work), CancellationToken.None);
    }

    private async Task RunFlushAsync(FlushWork work)
    {
        try
        {
            var prepared = new PreparedItem[work.Entries.Count];
            for (int i = 0; i < prepared.Length; i++)
            {
                prepared[i] = work.Entries[i].Prepared;
            }

            var settings = _client.SettingsFor(null, KlaviyoItemOutcome.NotDeliveredBeforeShutdown);
            await _engine.ExecuteAsync(prepared, settings, new QueueSink(this, work), _sendStop.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            BatchingLog.EngineFault(_logger, exception, work.Entries.Count);
        }
        finally
        {
            ReleaseSlot(work);
            foreach (var entry in work.Entries)
            {
                Complete(entry, KlaviyoItemOutcome.Failed(entry.Prepared.Action, "the item got no outcome from the bulk engine"));
            }

            _inFlight.TryRemove(work, out _);
        }
    }

    private void ReleaseSlot(FlushWork work)
    {
        if (work.TakeSlotRelease())
        {
            _flushSlots.Release();
        }
    }

    private void NotQueued(QueueEntry entry)
    {
        Interlocked.Decrement(ref _queued);
        entry.Generation.Remove();
    }

    private static KlaviyoItemOutcome NotDelivered(QueueEntry entry) =>
        KlaviyoItemOutcome.Failed(entry.Prepared.Action, KlaviyoItemOutcome.NotDeliveredBeforeShutdown);

    /// <summary>Completes an entry's handle; only the first outcome counts.</summary>
    private void Complete(QueueEntry entry, KlaviyoItemOutcome outcome)
    {
        if (!entry.Completion.TrySetResult(outcome))
        {
            return;
        }

        Count(outcome);
        entry.Generation.Remove();
    }

    private void Count(KlaviyoItemOutcome outcome)
    {
        _telemetry.RecordItem(outcome.Action, outcome.Status);
        switch (outcome.Status)
        {
            case KlaviyoItemStatus.Accepted: Interlocked.Increment(ref _accepted); break;
            case KlaviyoItemStatus.Invalid: Interlocked.Increment(ref _invalid); break;
            case KlaviyoItemStatus.Rejected: Interlocked.Increment(ref _rejected); break;
            default:
                Interlocked.Increment(ref _failed);
                if (ReferenceEquals(outcome.Reason, KlaviyoItemOutcome.NotDeliveredBeforeShutdown))
                {
                    Interlocked.Increment(ref _notDelivered);
                }

                break;
        }
    }

    private (long Accepted, long Invalid, long Rejected, long Failed, long NotDelivered) Snapshot() => (
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _invalid),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _notDelivered));

    /// <summary>Routes the engine's outcomes for one flush to the entries' handles.</summary>
    private sealed class QueueSink(KlaviyoBatcher owner, FlushWork work) : IBulkOutcomeSink
    {
        public void OnCompleted(int index, KlaviyoItemOutcome outcome) => owner.Complete(work.Entries[index], outcome);

        public void OnProvisional(int index, KlaviyoItemOutcome outcome) => work.Entries[index].Provisional = outcome;

        public void OnRequestsFinished() => owner.ReleaseSlot(work);
    }
}
