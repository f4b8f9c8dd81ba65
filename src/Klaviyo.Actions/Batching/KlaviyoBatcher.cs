using System.Collections.Concurrent;
using System.Globalization;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Delivery: the background queue that takes actions (from a <see cref="Mapping.KlaviyoDestination"/>, or items
/// enqueued directly) and delivers them. Bulk items are kept in groups as the planner splits requests (endpoint +
/// list, source, historical flag); a group is sent on its own when it holds a full Klaviyo request of its endpoint
/// (count or bytes, whichever first), reaches the optional <see cref="KlaviyoBatchingOptions.MaxBatchItems"/> /
/// <see cref="KlaviyoBatchingOptions.MaxBatchBytes"/> caps or a mapping's <c>batch_size</c>, and when its oldest item
/// has waited <see cref="KlaviyoBatchingOptions.MaxDelay"/>; everything is sent on <see cref="FlushAsync"/> (the
/// groups holding items queued before it) and on shutdown. Clean input therefore costs ceil(N / limit) requests per
/// endpoint and list. Actions whose mapping does not batch are sent on their own as soon as one of
/// <see cref="KlaviyoBatchingOptions.MaxConcurrentSends"/> is free.
/// </summary>
/// <remarks>
/// <para>Order: the state-setting actions of one person (upsert, subscribe, unsubscribe, list add and removal; the
/// same email, phone number or external id) reach Klaviyo in the order they were queued, each after the previous one
/// has its outcome. Events (Track Event, Order Completed) are not held back.</para>
/// <para>Every item gets exactly one outcome; items that cannot be sent before a drain's deadline complete as
/// <see cref="KlaviyoItemStatus.Failed"/> with <see cref="KlaviyoItemOutcome.NotDeliveredBeforeShutdown"/>. The queue
/// lives in memory: a process crash loses what it holds. Dispose it (or let the host's shutdown service drain it) to
/// deliver what is queued.</para>
/// </remarks>
public sealed class KlaviyoBatcher : IKlaviyoBatcher, IAsyncDisposable
{
    private readonly KlaviyoBulkClient? _client;
    private readonly BulkEngine? _engine;
    private readonly IKlaviyoClient? _singleClient;
    private readonly KlaviyoBatchingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly BatchingTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly Channel<QueueEntry> _channel;
    private readonly SemaphoreSlim _flushSlots;
    private readonly CancellationTokenSource _loopStop = new();
    private readonly CancellationTokenSource _sendStop = new();
    private readonly ConcurrentDictionary<FlushWork, byte> _inFlight = new();
    private readonly ConcurrentDictionary<QueueEntry, byte> _singlesInFlight = new();
    private readonly ConcurrentQueue<QueueEntry> _released = new();
    private readonly PersonOrder _order = new();
    private readonly Queue<QueueEntry> _singles = new();
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
    private int _singlesRunning;
    private int _firstItemLogged;
    private volatile bool _closing;
    private Task<KlaviyoDrainReport>? _drain;
    private long _accepted, _invalid, _rejected, _failed, _notDelivered;

    /// <summary>
    /// Creates a queue that sends through <paramref name="client"/>: a <see cref="KlaviyoClient"/>'s bulk endpoints
    /// (its transport, clock and, unless given here, its logging and <see cref="KlaviyoClientOptions.Batching"/>), and
    /// its single-call methods for actions that do not batch. Over any other <see cref="IKlaviyoClient"/> (a test
    /// double, a decorator) every item is sent through the single-call methods. Keep one per API key for the life of
    /// the app and dispose it (or let the host's shutdown service drain it) so queued items are delivered.
    /// </summary>
    /// <param name="client">The client to send through.</param>
    /// <param name="options">Queue and batching options; a <see cref="KlaviyoClient"/>'s <see cref="KlaviyoClientOptions.Batching"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logging; the client's when <see langword="null"/>.</param>
    /// <param name="meterFactory">Where the batching metrics are created; the process-wide meter when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public KlaviyoBatcher(IKlaviyoClient client, KlaviyoBatchingOptions? options = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(
            client is KlaviyoClient { HasTransport: true } concrete ? new KlaviyoBulkClient(concrete, options, loggerFactory, meterFactory) : null,
            client ?? throw new ArgumentNullException(nameof(client)),
            options,
            loggerFactory ?? (client as KlaviyoClient)?.LoggerFactory,
            meterFactory)
    {
    }

    /// <summary>Creates a queue that sends through a bulk client, with that client's options and clock.</summary>
    /// <param name="bulkClient">The bulk client; its <see cref="KlaviyoBulkClient.Options"/> configure the queue.</param>
    /// <param name="loggerFactory">Logging; none when <see langword="null"/>.</param>
    public KlaviyoBatcher(KlaviyoBulkClient bulkClient, ILoggerFactory? loggerFactory = null)
        : this(bulkClient ?? throw new ArgumentNullException(nameof(bulkClient)), bulkClient.SingleClient, null, loggerFactory, null)
    {
    }

    private KlaviyoBatcher(KlaviyoBulkClient? bulkClient, IKlaviyoClient? singleClient, KlaviyoBatchingOptions? options, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        _client = bulkClient;
        _engine = bulkClient?.Engine;
        _singleClient = singleClient;
        _options = bulkClient?.Options ?? options ?? new KlaviyoBatchingOptions();
        KlaviyoBatchingOptionsCheck.ThrowIfInvalid(_options);
        _timeProvider = _engine?.TimeProvider ?? TimeProvider.System;
        _telemetry = _engine?.Telemetry ?? BatchingTelemetry.For(meterFactory);
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

    /// <summary>The clock the queue measures delays with.</summary>
    internal TimeProvider TimeProvider => _timeProvider;

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

        var receiver = new TaskReceiver();
        QueueEntry entry;
        if (_engine is not null)
        {
            var prepared = _engine.Prepare(item);
            if (prepared.FinalOutcome is { } final)
            {
                Count(final);
                return Task.FromResult(final);
            }

            entry = QueueEntry.Bulk(prepared, null, PersonKeys.Of(item.Request), receiver, 0);
        }
        else
        {
            var validation = item.IsValidated ? new BatchItemValidation(item, []) : KlaviyoBatchItemValidator.Instance.Validate(item, _timeProvider);
            if (validation.Errors.Count > 0)
            {
                var invalid = KlaviyoItemOutcome.Invalid(item.ActionName, validation.Errors);
                Count(invalid);
                return Task.FromResult(invalid);
            }

            var valid = validation.Normalized ?? item;
            entry = QueueEntry.ForSingle(valid, PersonKeys.Of(valid.Request), receiver, 0);
        }

        switch (await WriteAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            case WriteResult.Closed:
                throw Closed();
            case WriteResult.Full:
                throw new KlaviyoQueueFullException(_options.Capacity);
        }

        return receiver.Task;
    }

    /// <summary>
    /// Takes a validated item from a destination: queued for a bulk request when <paramref name="batched"/> (and
    /// this queue has bulk endpoints), else queued to be sent on its own. Never throws for the item: an item the
    /// queue cannot take (shutting down, full in <see cref="QueueFullMode.FailFast"/>, the wait for room cancelled)
    /// gets a Failed outcome at once, and every item reaches <paramref name="receiver"/> exactly once.
    /// </summary>
    internal ValueTask SubmitAsync(KlaviyoBatchItem item, bool batched, int? batchCap, IDeliveryReceiver receiver, int slot, CancellationToken cancellationToken)
    {
        QueueEntry entry;
        if (batched && _engine is not null)
        {
            var prepared = _engine.Prepare(item);
            if (prepared.FinalOutcome is { } final)
            {
                Count(final);
                receiver.OnOutcome(slot, final, null);
                return ValueTask.CompletedTask;
            }

            entry = QueueEntry.Bulk(prepared, batchCap, PersonKeys.Of(item.Request), receiver, slot);
        }
        else
        {
            entry = QueueEntry.ForSingle(item, PersonKeys.Of(item.Request), receiver, slot);
        }

        return AfterWriteAsync(WriteAsync(entry, cancellationToken), entry);
    }

    private async ValueTask AfterWriteAsync(ValueTask<WriteResult> written, QueueEntry entry)
    {
        string? reason;
        try
        {
            reason = await written.ConfigureAwait(false) switch
            {
                WriteResult.Closed => KlaviyoItemOutcome.NotAcceptedShuttingDown,
                WriteResult.Full => "not accepted: the queue was full",
                _ => null,
            };
        }
        catch (OperationCanceledException)
        {
            reason = "not accepted: cancelled while waiting for room in the queue";
        }

        if (reason is not null)
        {
            var outcome = KlaviyoItemOutcome.Failed(entry.Action, reason);
            Count(outcome);
            entry.TryComplete();
            entry.Receiver.OnOutcome(entry.Slot, outcome, null);
        }
    }

    private ValueTask<WriteResult> WriteAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        if (_closing)
        {
            return new ValueTask<WriteResult>(WriteResult.Closed);
        }

        lock (_generationGate)
        {
            entry.Generation = _generation;
            entry.Generation.Add();
        }

        entry.EnqueuedAt = _timeProvider.GetTimestamp();
        Interlocked.Increment(ref _queued);
        if (_channel.Writer.TryWrite(entry))
        {
            Written();
            return new ValueTask<WriteResult>(WriteResult.Written);
        }

        if (_options.FullMode == QueueFullMode.FailFast || _closing)
        {
            NotQueued(entry);
            return new ValueTask<WriteResult>(_closing ? WriteResult.Closed : WriteResult.Full);
        }

        return WriteSlowAsync(entry, cancellationToken);
    }

    private async ValueTask<WriteResult> WriteSlowAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            NotQueued(entry);
            return WriteResult.Closed;
        }
        catch
        {
            NotQueued(entry);
            throw;
        }

        Written();
        return WriteResult.Written;
    }

    private void Written()
    {
        if (Volatile.Read(ref _firstItemLogged) == 0 && Interlocked.Exchange(ref _firstItemLogged, 1) == 0)
        {
            BatchingLog.FirstItemQueued(
                _logger,
                _options.MaxBatchItems?.ToString(CultureInfo.InvariantCulture) ?? "no cap",
                _options.MaxBatchBytes?.ToString(CultureInfo.InvariantCulture) ?? "no cap",
                _options.MaxDelay);
        }
    }

    private enum WriteResult
    {
        Written,
        Closed,
        Full,
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
        if (_inFlight.IsEmpty && _singlesInFlight.IsEmpty)
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

            foreach (var entry in _singlesInFlight.Keys)
            {
                Complete(entry, NotDelivered(entry));
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
        var groups = new QueueGroups(_engine is null ? static (_, _) => 0 : _engine.MeasureEnvelope);
        var ready = new List<QueueEntry>();
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

                // Items whose person's earlier item now has its outcome go on in arrival order.
                while (_released.TryDequeue(out var done))
                {
                    _order.Release(done, ready);
                }

                foreach (var entry in ready)
                {
                    await PlaceAsync(groups, entry, stop).ConfigureAwait(false);
                }

                ready.Clear();

                // Arrivals join their group; a group is sent on its own as soon as it holds a full request.
                int read = 0;
                while (read++ < ItemsPerPass && Held(groups) < _options.Capacity && reader.TryRead(out var entry))
                {
                    carried = entry;
                    if (_order.Admit(entry))
                    {
                        await PlaceAsync(groups, entry, stop).ConfigureAwait(false);
                    }

                    carried = null;
                }

                StartSingles();
                if (!groups.IsEmpty && await SendOnQueueTriggerAsync(groups, reader, stop).ConfigureAwait(false))
                {
                    continue;
                }

                bool inputDone = reader.Completion.IsCompleted;
                if (inputDone && groups.IsEmpty && _order.WaitingCount == 0 && _singles.Count == 0 && _released.IsEmpty)
                {
                    break;
                }

                // Wake on arrivals (while the channel is open), on outcomes (Wake) and on the oldest group's delay.
                pendingRead = inputDone ? null : pendingRead ?? reader.WaitToReadAsync(stop).AsTask();
                var arrival = pendingRead ?? wake;
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

                    await Task.WhenAny(arrival, wake, delay).ConfigureAwait(false);
                }
                else
                {
                    StopDelay(ref delay, ref delayStop);
                    await Task.WhenAny(arrival, wake).ConfigureAwait(false);
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
            BatchingLog.EngineFault(_logger, exception, Held(groups) + (carried is null ? 0 : 1));
        }
        finally
        {
            StopDelay(ref delay, ref delayStop);
            _closing = true;
            _channel.Writer.TryComplete();
            var left = groups.TakeAll();
            if (carried is not null && !left.Contains(carried))
            {
                left.Add(carried);
            }

            left.AddRange(ready);
            left.AddRange(_order.TakeWaiting());
            left.AddRange(_singles);
            _singles.Clear();
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

    /// <summary>Items the loop holds: in groups, waiting for their person's earlier item, or waiting for a send slot.</summary>
    private int Held(QueueGroups groups) => groups.Items + _order.WaitingCount + _singles.Count;

    /// <summary>An admitted item joins its group (sent at once when that makes a full request) or waits for a send slot.</summary>
    private async Task PlaceAsync(QueueGroups groups, QueueEntry entry, CancellationToken stop)
    {
        if (entry.Prepared is null)
        {
            _singles.Enqueue(entry);
            return;
        }

        var group = groups.For(entry);
        if (!group.Fits(entry))
        {
            await SendAsync(groups, group, FlushReason.Limit, stop).ConfigureAwait(false);
            group = groups.For(entry);
        }

        groups.Add(group, entry);
        if (group.Full(_options.MaxBatchItems, _options.MaxBatchBytes) is { } full)
        {
            await SendAsync(groups, group, full, stop).ConfigureAwait(false);
        }
    }

    /// <summary>Starts sending items that go on their own while a send slot is free.</summary>
    private void StartSingles()
    {
        while (_singles.Count > 0 && Volatile.Read(ref _singlesRunning) < _options.MaxConcurrentSends)
        {
            var entry = _singles.Dequeue();
            Interlocked.Increment(ref _singlesRunning);
            Interlocked.Decrement(ref _queued);
            _singlesInFlight.TryAdd(entry, 0);
            _ = SendSingleAsync(entry);
        }
    }

    private async Task SendSingleAsync(QueueEntry entry)
    {
        try
        {
            var action = entry.Single!;
            var (outcome, value) = _singleClient is null
                ? (KlaviyoItemOutcome.Failed(entry.Action, "this queue has no client to send single actions through"), null)
                : await SingleSend.RunAsync(_singleClient, action, _sendStop.Token).ConfigureAwait(false);
            Complete(entry, outcome, value);
        }
        catch (Exception exception)
        {
            BatchingLog.EngineFault(_logger, exception, 1);
            Complete(entry, KlaviyoItemOutcome.Failed(entry.Action, "sending failed unexpectedly", exceptionSummary: FailureClassifier.Summarize(exception)));
        }
        finally
        {
            _singlesInFlight.TryRemove(entry, out _);
            Interlocked.Decrement(ref _singlesRunning);
            Wake();
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

        if (Held(groups) >= _options.Capacity && groups.Largest() is { } largest)
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
                prepared[i] = work.Entries[i].Prepared!;
            }

            var settings = _client!.SettingsFor(null, KlaviyoItemOutcome.NotDeliveredBeforeShutdown);
            await _engine!.ExecuteAsync(prepared, settings, new QueueSink(this, work), _sendStop.Token).ConfigureAwait(false);
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
                Complete(entry, KlaviyoItemOutcome.Failed(entry.Action, "the item got no outcome from the bulk engine"));
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
        KlaviyoItemOutcome.Failed(entry.Action, KlaviyoItemOutcome.NotDeliveredBeforeShutdown);

    /// <summary>
    /// Gives an entry its outcome; only the first counts. The receiver hears it before the flush generation counts
    /// the entry done, so a <see cref="FlushAsync"/> completes after every covered outcome was reported. An entry that
    /// held its person's place lets the loop go on with the next one.
    /// </summary>
    private void Complete(QueueEntry entry, KlaviyoItemOutcome outcome, object? value = null)
    {
        if (!entry.TryComplete())
        {
            return;
        }

        Count(outcome);
        try
        {
            entry.Receiver.OnOutcome(entry.Slot, outcome, value ?? (outcome.IsAccepted && entry.Prepared is not null ? outcome : null));
        }
        catch (Exception exception)
        {
            BatchingLog.ReceiverFault(_logger, exception, entry.Action);
        }

        entry.Generation.Remove();
        if (entry.Admitted)
        {
            _released.Enqueue(entry);
            Wake();
        }
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
