using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Redis.Delivery.Internal;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>
/// Stores accepted Segment messages in the partition streams, all of a call or none: one script call per attempt
/// checks the cap and adds every message. When it returns <see cref="RedisEnqueueResult.Accepted"/> the messages are
/// in Redis (answer the caller only then). Thread-safe; one per process.
/// </summary>
public sealed class RedisMessageProducer
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisDeliveryOptions _options;
    private readonly RedisDeliveryKeys _keys;
    private readonly TimeProvider _timeProvider;
    private readonly RedisKey[] _enqueueKeys;

    /// <summary>Creates the producer.</summary>
    /// <param name="redis">The connection.</param>
    /// <param name="options">The deployment's options (same prefix and partitions as the consumers).</param>
    /// <param name="timeProvider">The clock for waiting at the cap; the system clock when null.</param>
    public RedisMessageProducer(IConnectionMultiplexer redis, RedisDeliveryOptions options, TimeProvider? timeProvider = null)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _keys = new RedisDeliveryKeys(options.KeyPrefix, options.Partitions);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _enqueueKeys = [_keys.Counters, .. _keys.Streams];
    }

    /// <summary>
    /// Stores all the messages or none. When the queue is at its cap, asks again (every 100 ms) until
    /// <paramref name="waitForRoom"/> (default <see cref="RedisDeliveryOptions.EnqueueTimeout"/>) has passed.
    /// </summary>
    /// <param name="messages">The messages, each with a message id.</param>
    /// <param name="waitForRoom">How long to wait for room; null for the options' <see cref="RedisDeliveryOptions.EnqueueTimeout"/>.</param>
    /// <param name="cancellationToken">Stops waiting for room.</param>
    /// <returns>Accepted (stored) or Full (none stored).</returns>
    /// <exception cref="RedisException">Redis could not be reached: nothing is known to be stored; answer the caller with an error.</exception>
    /// <exception cref="ArgumentException">A message has no message id.</exception>
    public async Task<RedisEnqueueResult> EnqueueAsync(IReadOnlyList<SegmentEvent> messages, TimeSpan? waitForRoom = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return RedisEnqueueResult.Accepted;
        }

        var args = new RedisValue[2 + (messages.Count * 3)];
        args[0] = _options.MaxOutstanding;
        args[1] = messages.Count;
        for (int i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException($"messages[{i}]: required.", nameof(messages));
            string id = message.MessageId ?? throw new ArgumentException($"messages[{i}].messageId: required for durable delivery.", nameof(messages));
            args[2 + (i * 3)] = PersonPartitioner.Partition(message, _options.Partitions);
            args[3 + (i * 3)] = id;
            args[4 + (i * 3)] = Utf8(message.Json);
        }

        var db = _redis.GetDatabase();
        long started = _timeProvider.GetTimestamp();
        var wait = waitForRoom ?? _options.EnqueueTimeout;
        while (true)
        {
            var stored = await db.ScriptEvaluateAsync(DeliveryScripts.Enqueue, _enqueueKeys, args).ConfigureAwait(false);
            if ((long)stored == 1)
            {
                return RedisEnqueueResult.Accepted;
            }

            var left = wait - _timeProvider.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return RedisEnqueueResult.Full;
            }

            var pause = left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100);
            await Task.Delay(pause, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] Utf8(JsonElement json)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
