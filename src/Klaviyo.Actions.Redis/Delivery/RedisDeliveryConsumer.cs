using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Redis.Delivery.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>
/// Delivers the messages stored by <see cref="RedisMessageProducer"/>: takes a fair share of the partitions (one
/// active consumer per partition, by lease), reads them with <c>XREADGROUP</c>, routes every message through its
/// <see cref="KlaviyoDestination"/> in stream order and records each message's final outcome exactly once (the record
/// script acknowledges, adds the outcome and deletes the entry in one step).
/// </summary>
/// <remarks>
/// <para>Taking a partition over, it first delivers again the entries the previous holder read and never recorded
/// (the lease guarantees that holder lost it), then reads new ones, so one person's messages are routed in order.</para>
/// <para>A message that fails transiently (Klaviyo unreachable, 429/5xx after the client's retries) is not
/// acknowledged: it is routed again after <see cref="RedisDeliveryOptions.RetryDelay"/> (doubling). One delivered
/// more than <see cref="RedisDeliveryOptions.MaxDeliveries"/> times, or that cannot be read, goes to the dead-letter
/// stream with its reason and records a Failed outcome. Sending a message twice after a crash is harmless: events
/// carry stable <c>unique_id</c>s and profile writes set state.</para>
/// <para>Redis unreachable: reading and leases retry with back-off; outcomes wait in memory and are recorded when it
/// answers again (if the process dies first, the entries are delivered again).</para>
/// <para>Stopping: no new entries are read, entries in flight are finished within the drain timeout and recorded,
/// leases are released; entries not finished stay pending for the next holder (they are not failed).</para>
/// </remarks>
public sealed class RedisDeliveryConsumer : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly KlaviyoDestination _destination;
    private readonly RedisDeliveryOptions _options;
    private readonly RedisDeliveryKeys _keys;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RedisHealth _health;
    private readonly PartitionLeases _leases;
    private readonly OutcomeRecorder _recorder;
    private readonly ConcurrentDictionary<EntryKey, InFlightEntry> _inFlight = new();
    private readonly ConcurrentDictionary<int, InFlightEntry> _byIndex = new();
    private readonly int[] _partitionInFlight;
    private readonly Channel<InFlightEntry> _routing = Channel.CreateUnbounded<InFlightEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly List<InFlightEntry> _retries = [];
    private readonly CancellationTokenSource _stopReading = new();
    private readonly CancellationTokenSource _stopLeases = new();
    private readonly CancellationTokenSource _abandonRecords = new();
    private Task? _readTask, _leaseTask, _resultTask, _recordTask;
    private volatile bool _stopping;
    private int _started;
    private int _stopped;

    /// <summary>Creates the consumer; <see cref="StartAsync"/> starts it.</summary>
    /// <param name="redis">The connection.</param>
    /// <param name="destination">Routes and delivers the messages (the same mappings on every process).</param>
    /// <param name="options">The deployment's options.</param>
    /// <param name="observer">Told about every outcome this process records (logging, counting).</param>
    /// <param name="timeProvider">The clock for retries and polling; the system clock when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    public RedisDeliveryConsumer(
        IConnectionMultiplexer redis,
        KlaviyoDestination destination,
        RedisDeliveryOptions options,
        IRedisDeliveryObserver? observer = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _destination = destination ?? throw new ArgumentNullException(nameof(destination));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _keys = new RedisDeliveryKeys(options.KeyPrefix, options.Partitions);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Klaviyo.Actions.Redis.Delivery");
        _health = new RedisHealth(_logger);
        ConsumerName = string.IsNullOrWhiteSpace(options.ConsumerName)
            ? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}")
            : options.ConsumerName;
        _partitionInFlight = new int[options.Partitions];
        _leases = new PartitionLeases(redis, _keys, options, ConsumerName, _health, _logger);
        _recorder = new OutcomeRecorder(redis, _keys, options, ConsumerName, observer, Finished, _health, _timeProvider, _logger);
    }

    /// <summary>This consumer's name in the consumer group and on the outcomes it records.</summary>
    public string ConsumerName { get; }

    /// <summary>The partitions this consumer holds the lease of and delivers (a snapshot).</summary>
    public IReadOnlyList<int> OwnedPartitions => _leases.Owned();

    /// <summary>Completes once the partitions this consumer reads satisfy <paramref name="condition"/> (tests, diagnostics).</summary>
    internal async Task WaitForPartitionsAsync(Func<IReadOnlyList<int>, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = _leases.Changed;
            if (condition(_leases.InState(PartitionState.Reading)))
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Entries read and not yet recorded.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>Takes partitions and starts delivering; returns once the first lease round ran (or failed: it is retried).</summary>
    /// <param name="cancellationToken">Cancels the first lease round.</param>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The consumer was already started.");
        }

        DeliveryLog.Started(_logger, ConsumerName, _options.Partitions);
        await LeaseRoundAsync(0).WaitAsync(cancellationToken).ConfigureAwait(false);
        _recordTask = Task.Run(() => _recorder.RunAsync(_abandonRecords.Token), CancellationToken.None);
        _resultTask = Task.Run(RouteAsync, CancellationToken.None);
        _readTask = Task.Run(() => ReadLoopAsync(_stopReading.Token), CancellationToken.None);
        _leaseTask = Task.Run(() => LeaseLoopAsync(_stopLeases.Token), CancellationToken.None);
    }

    /// <summary>
    /// Stops reading, finishes the entries in flight within <paramref name="drainTimeout"/> and records their outcomes,
    /// then releases the leases. Entries not finished stay pending and are delivered by the next holder.
    /// </summary>
    /// <param name="drainTimeout">How long entries in flight may take to finish.</param>
    /// <param name="cancellationToken">Gives up waiting (as if the timeout passed).</param>
    public async Task StopAsync(TimeSpan drainTimeout, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _started == 0)
        {
            return;
        }

        long started = _timeProvider.GetTimestamp();
        TimeSpan Left() => Max(TimeSpan.Zero, drainTimeout - _timeProvider.GetElapsedTime(started));
        _stopping = true;
        await _stopReading.CancelAsync().ConfigureAwait(false);
        await _readTask!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        List<InFlightEntry> retries;
        lock (_retries)
        {
            retries = [.. _retries];
            _retries.Clear();
        }

        retries.ForEach(Finished); // not routed again here: they stay pending for the next holder
        int left = retries.Count;
        _routing.Writer.TryComplete(); // routing ends: delivery is asked to send what it holds
        if (!await WaitAsync(_resultTask!, Left(), cancellationToken).ConfigureAwait(false))
        {
            // Still in delivery at the deadline: the drain ends them as transient failures, which stay pending.
            await _destination.Delivery.DrainAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            await WaitAsync(_resultTask!, TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }

        _recorder.Complete();
        if (!await WaitAsync(_recordTask!, Max(Left(), TimeSpan.FromSeconds(1)), cancellationToken).ConfigureAwait(false))
        {
            await _abandonRecords.CancelAsync().ConfigureAwait(false);
            await _recordTask!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        int unrecorded = _recorder.Waiting;
        await _stopLeases.CancelAsync().ConfigureAwait(false);
        await _leaseTask!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await _leases.ReleaseAllAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (RedisHealth.IsRedisFailure(exception))
        {
            _health.Failed("release leases", exception); // they expire on their own
        }

        DeliveryLog.Stopped(_logger, ConsumerName, left + _inFlight.Count, unrecorded);
    }

    /// <summary>Stops without a drain (entries in flight stay pending).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _stopReading.Dispose();
        _stopLeases.Dispose();
        _abandonRecords.Dispose();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task<bool> WaitAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            return task.IsCompleted;
        }
        catch (Exception)
        {
            return true; // the task's own failure was logged where it happened
        }
    }

    private async Task LeaseLoopAsync(CancellationToken stop)
    {
        var interval = _options.LeaseDuration / 3;
        int failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(failures == 0 ? interval : Min(interval, RedisHealth.Backoff(failures)), _timeProvider, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            failures = await LeaseRoundAsync(failures).ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>One lease round; returns the consecutive failure count.</summary>
    private async Task<int> LeaseRoundAsync(int failures)
    {
        try
        {
            await _leases.TickAsync(p => Volatile.Read(ref _partitionInFlight[p])).ConfigureAwait(false);
            return 0;
        }
        catch (Exception exception) when (RedisHealth.IsRedisFailure(exception))
        {
            _health.Failed("leases", exception);
            return failures + 1;
        }
    }

    private async Task ReadLoopAsync(CancellationToken stop)
    {
        var db = _redis.GetDatabase();
        long lastIdleClaim = _timeProvider.GetTimestamp();
        int failures = 0;
        while (!stop.IsCancellationRequested)
        {
            bool busy = false;
            try
            {
                foreach (int partition in _leases.InState(PartitionState.TakingOver))
                {
                    await TakeOverAsync(db, partition).ConfigureAwait(false);
                }

                busy |= await RetryDueAsync(db).ConfigureAwait(false);
                if (_timeProvider.GetElapsedTime(lastIdleClaim) >= _options.ClaimIdleTimeout / 2)
                {
                    await ClaimIdleAsync(db).ConfigureAwait(false);
                    lastIdleClaim = _timeProvider.GetTimestamp();
                }

                busy |= await ReadNewAsync(db).ConfigureAwait(false);
                _health.Succeeded("read");
                failures = 0;
            }
            catch (Exception exception) when (RedisHealth.IsRedisFailure(exception))
            {
                if (exception is RedisServerException server && server.Message.Contains("NOGROUP", StringComparison.Ordinal))
                {
                    // The group is gone (Redis lost its data): create it again before reading.
                    _leases.InState(PartitionState.Reading).ForEach(p => _leases.Move(p, PartitionState.Reading, PartitionState.TakingOver));
                }

                _health.Failed("read", exception);
                failures++;
            }

            if (busy && failures == 0)
            {
                continue;
            }

            try
            {
                await Task.Delay(failures > 0 ? RedisHealth.Backoff(failures) : _options.PollInterval, _timeProvider, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Creates the group if needed and claims every pending entry not already in flight here, then reads the partition.</summary>
    private async Task TakeOverAsync(IDatabase db, int partition)
    {
        var stream = _keys.Stream(partition);
        try
        {
            await db.StreamCreateConsumerGroupAsync(stream, _options.ConsumerGroup, "0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException exception) when (exception.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Exists already.
        }

        var claimed = await PendingClaimer.ClaimAsync(db, stream, _options.ConsumerGroup, ConsumerName, 0,
            id => _inFlight.ContainsKey(new EntryKey(partition, id))).ConfigureAwait(false);
        if (claimed.Count > 0)
        {
            DeliveryLog.Claimed(_logger, partition, claimed.Count);
        }

        foreach (var (entry, deliveries) in claimed)
        {
            Admit(partition, entry, deliveries);
        }

        _leases.Move(partition, PartitionState.TakingOver, PartitionState.Reading);
    }

    /// <summary>Safety net: entries of an owned partition pending longer than the idle timeout and not in flight here.</summary>
    private async Task ClaimIdleAsync(IDatabase db)
    {
        foreach (int partition in _leases.InState(PartitionState.Reading))
        {
            var claimed = await PendingClaimer.ClaimAsync(db, _keys.Stream(partition), _options.ConsumerGroup, ConsumerName,
                (long)_options.ClaimIdleTimeout.TotalMilliseconds, id => _inFlight.ContainsKey(new EntryKey(partition, id))).ConfigureAwait(false);
            foreach (var (entry, deliveries) in claimed)
            {
                Admit(partition, entry, deliveries);
            }
        }
    }

    private async Task<bool> ReadNewAsync(IDatabase db)
    {
        int room = _options.MaxInFlight - _inFlight.Count;
        var reading = _leases.InState(PartitionState.Reading);
        if (room <= 0 || reading.Count == 0)
        {
            return false;
        }

        int count = Math.Max(1, Math.Min(_options.ReadBatchSize, room / reading.Count));
        var positions = reading.Select(p => new StreamPosition(_keys.Stream(p), StreamPosition.NewMessages)).ToArray();
        var streams = await db.StreamReadGroupAsync(positions, _options.ConsumerGroup, ConsumerName, count).ConfigureAwait(false);
        bool any = false;
        for (int i = 0; i < streams.Length; i++)
        {
            int partition = reading[Array.IndexOf(positions.Select(p => p.Key).ToArray(), streams[i].Key)];
            foreach (var entry in streams[i].Entries)
            {
                any = true;
                Admit(partition, entry, 1);
            }
        }

        return any;
    }

    /// <summary>Routes again the transiently failed entries whose wait is over (XCLAIM counts the delivery).</summary>
    private async Task<bool> RetryDueAsync(IDatabase db)
    {
        long now = _timeProvider.GetTimestamp();
        List<InFlightEntry> due;
        lock (_retries)
        {
            if (_retries.Count == 0)
            {
                return false;
            }

            due = _retries.Where(e => e.RetryAt <= now).ToList();
            _retries.RemoveAll(e => e.RetryAt <= now);
        }

        foreach (var group in due.GroupBy(e => e.Partition))
        {
            if (_leases[group.Key] is not (PartitionState.Reading or PartitionState.TakingOver))
            {
                group.ToList().ForEach(Finished); // no longer ours: the holder delivers it
                continue;
            }

            var entries = await db.StreamClaimAsync(_keys.Stream(group.Key), _options.ConsumerGroup, ConsumerName, 0,
                [.. group.Select(e => (RedisValue)e.EntryId)]).ConfigureAwait(false);
            var found = entries.Where(e => !e.IsNull).ToDictionary(e => e.Id.ToString(), StringComparer.Ordinal);
            foreach (var entry in group)
            {
                if (found.TryGetValue(entry.EntryId, out var fresh))
                {
                    entry.Deliveries++;
                    entry.Payload = fresh["m"];
                    Dispatch(entry);
                }
                else
                {
                    Finished(entry); // recorded meanwhile by an earlier holder
                }
            }
        }

        return due.Count > 0;
    }

    private void Admit(int partition, StreamEntry entry, int deliveries)
    {
        var inFlight = new InFlightEntry(partition, entry.Id.ToString(), entry["id"].IsNullOrEmpty ? entry.Id.ToString() : entry["id"].ToString(), entry["m"], deliveries);
        if (!_inFlight.TryAdd(inFlight.Key, inFlight))
        {
            return; // already here
        }

        Interlocked.Increment(ref _partitionInFlight[partition]);
        Dispatch(inFlight);
    }

    /// <summary>Dead-letters an entry delivered too often or unreadable; otherwise hands it to routing.</summary>
    private void Dispatch(InFlightEntry entry)
    {
        if (entry.Deliveries > _options.MaxDeliveries)
        {
            _recorder.Add(OutcomeClassifier.DeadLetter(entry, $"delivered {entry.Deliveries - 1} times without a final outcome", null));
            return;
        }

        if (!TryParse(entry.Payload, out var message, out string? problem))
        {
            _recorder.Add(OutcomeClassifier.DeadLetter(entry, problem, null));
            return;
        }

        entry.Event = message;
        _routing.Writer.TryWrite(entry);
    }

    private static bool TryParse(RedisValue payload, [NotNullWhen(true)] out SegmentEvent? message, [NotNullWhen(false)] out string? problem)
    {
        message = null;
        problem = null;
        if (payload.IsNullOrEmpty)
        {
            problem = "unreadable (m: required)";
            return false;
        }

        try
        {
            message = SegmentEvent.Parse((ReadOnlyMemory<byte>)payload);
            return true;
        }
        catch (SegmentEventException exception)
        {
            problem = $"unreadable ({exception.Field}: {exception.Rule})";
            return false;
        }
    }

    private async Task RouteAsync()
    {
        try
        {
            await foreach (var result in _destination.SendAllAsync(FeedAsync(), CancellationToken.None).ConfigureAwait(false))
            {
                if (_byIndex.TryRemove(result.Index, out var entry))
                {
                    Classify(entry, result);
                }
            }
        }
        catch (Exception exception)
        {
            // Whatever was in flight stays pending in Redis and is delivered again by the next holder.
            DeliveryLog.RoutingFailed(_logger, exception);
            await _stopReading.CancelAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<SegmentEvent> FeedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int index = 0;
        await foreach (var entry in _routing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var message = entry.Event!;
            entry.Event = null;
            _byIndex[index++] = entry;
            yield return message;
        }
    }

    private void Classify(InFlightEntry entry, EventResult result)
    {
        if (result.Error is null && result.IsRetryable)
        {
            string reason = OutcomeClassifier.TransientReason(result);
            if (entry.Deliveries >= _options.MaxDeliveries)
            {
                _recorder.Add(OutcomeClassifier.DeadLetter(entry, $"failed after {entry.Deliveries} deliveries: {reason}", result));
            }
            else if (_stopping || _leases[entry.Partition] is not (PartitionState.Reading or PartitionState.TakingOver))
            {
                Finished(entry); // stays pending: the next holder delivers it
            }
            else
            {
                var delay = Backoff(entry.Deliveries);
                entry.RetryAt = _timeProvider.GetTimestamp() + (long)(delay.TotalSeconds * _timeProvider.TimestampFrequency);
                DeliveryLog.Retrying(_logger, entry.MessageId, entry.Deliveries, delay);
                lock (_retries)
                {
                    _retries.Add(entry);
                }
            }

            return;
        }

        _recorder.Add(OutcomeClassifier.Final(entry, result));
    }

    private TimeSpan Backoff(int deliveries)
    {
        double factor = Math.Pow(2, Math.Min(deliveries - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks));
        return delay;
    }

    /// <summary>The entry is no longer this process's: recorded, or left pending for another.</summary>
    private void Finished(InFlightEntry entry)
    {
        if (_inFlight.TryRemove(entry.Key, out _))
        {
            Interlocked.Decrement(ref _partitionInFlight[entry.Partition]);
        }
    }
}
