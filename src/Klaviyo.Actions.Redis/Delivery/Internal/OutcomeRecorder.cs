using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>
/// Records outcomes with the record script, many per call. While Redis is unreachable the outcomes wait in memory and
/// the same batch is tried again; the observer hears of an outcome only once the script recorded it (XACK returned 1).
/// </summary>
internal sealed class OutcomeRecorder
{
    private readonly Channel<PendingRecord> _queue = Channel.CreateUnbounded<PendingRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisDeliveryKeys _keys;
    private readonly RedisDeliveryOptions _options;
    private readonly string _consumer;
    private readonly IRedisDeliveryObserver? _observer;
    private readonly Action<InFlightEntry> _finished;
    private readonly RedisHealth _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _waiting;

    public OutcomeRecorder(IConnectionMultiplexer redis, RedisDeliveryKeys keys, RedisDeliveryOptions options, string consumer,
        IRedisDeliveryObserver? observer, Action<InFlightEntry> finished, RedisHealth health, TimeProvider timeProvider, ILogger logger)
    {
        _redis = redis;
        _keys = keys;
        _options = options;
        _consumer = consumer;
        _observer = observer;
        _finished = finished;
        _health = health;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Outcomes handed over and not yet recorded.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Add(PendingRecord record)
    {
        Interlocked.Increment(ref _waiting);
        _queue.Writer.TryWrite(record);
    }

    /// <summary>No more outcomes will be added; <see cref="RunAsync"/> ends once the last is recorded.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Records until completed and empty, or until <paramref name="abandon"/> fires (what is left stays pending in Redis).</summary>
    public async Task RunAsync(CancellationToken abandon)
    {
        var batch = new List<PendingRecord>(_options.RecordBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(abandon).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.RecordBatchSize && _queue.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                var recorded = await RecordAsync(batch, abandon).ConfigureAwait(false);
                for (int i = 0; i < batch.Count; i++)
                {
                    Interlocked.Decrement(ref _waiting);
                    if (recorded[i])
                    {
                        Notify(batch[i]);
                    }
                    else
                    {
                        DeliveryLog.AlreadyRecorded(_logger, batch[i].Entry.MessageId);
                    }

                    _finished(batch[i].Entry);
                }
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Stopped before Redis answered: these entries stay pending and are delivered again by the next owner.
        }
    }

    private async Task<bool[]> RecordAsync(List<PendingRecord> batch, CancellationToken abandon)
    {
        var streams = new List<RedisKey>();
        var keys = new List<RedisKey> { _keys.Outcomes, _keys.Counters, _keys.DeadLetters };
        var args = new RedisValue[4 + (batch.Count * 7)];
        args[0] = _options.ConsumerGroup;
        args[1] = _consumer;
        args[2] = _options.OutcomeStreamMaxLength;
        args[3] = batch.Count;
        for (int i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            var stream = _keys.Stream(record.Entry.Partition);
            int index = streams.IndexOf(stream);
            if (index < 0)
            {
                streams.Add(stream);
                keys.Add(stream);
                index = streams.Count - 1;
            }

            int b = 4 + (i * 7);
            args[b] = index + 4; // Lua KEYS are 1-based, after the three shared keys
            args[b + 1] = record.Entry.EntryId;
            args[b + 2] = record.Entry.MessageId;
            args[b + 3] = PendingRecord.StatusName(record.Status);
            args[b + 4] = record.Reason;
            args[b + 5] = string.Join(',', record.Counters);
            args[b + 6] = record.DeadLetter ? record.Entry.Payload : RedisValue.EmptyString;
        }

        var keyArray = keys.ToArray();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var result = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(DeliveryScripts.Record, keyArray, args).ConfigureAwait(false))!;
                _health.Succeeded("record outcomes");
                return [.. result.Select(r => (long)r == 1)];
            }
            catch (Exception exception) when (RedisHealth.IsRedisFailure(exception))
            {
                _health.Failed("record outcomes", exception);
                await Task.Delay(RedisHealth.Backoff(attempt), _timeProvider, abandon).ConfigureAwait(false);
            }
        }
    }

    private void Notify(PendingRecord record)
    {
        if (record.DeadLetter)
        {
            DeliveryLog.DeadLettered(_logger, record.Entry.MessageId, record.Reason);
        }

        if (_observer is null)
        {
            return;
        }

        try
        {
            _observer.OnRecorded(record.ToOutcome());
        }
        catch (Exception exception)
        {
            DeliveryLog.ObserverFailed(_logger, record.Entry.MessageId, exception);
        }
    }
}
