using Klaviyo.Actions.Mapping;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>A stream entry this process read and has not yet recorded (or left pending for another process).</summary>
internal sealed class InFlightEntry(int partition, string entryId, string messageId, RedisValue payload, int deliveries)
{
    public int Partition { get; } = partition;

    public string EntryId { get; } = entryId;

    public string MessageId { get; } = messageId;

    /// <summary>The stored message JSON (UTF-8), kept for the dead-letter stream.</summary>
    public RedisValue Payload { get; set; } = payload;

    /// <summary>How many times the entry was delivered, this delivery included.</summary>
    public int Deliveries { get; set; } = deliveries;

    /// <summary>The parsed message while it waits to be routed.</summary>
    public SegmentEvent? Event { get; set; }

    /// <summary>When a transiently failed entry is due to be routed again (a timestamp of the consumer's clock).</summary>
    public long RetryAt { get; set; }

    public EntryKey Key => new(Partition, EntryId);
}

/// <summary>An entry's identity: its partition and stream id.</summary>
internal readonly record struct EntryKey(int Partition, string EntryId);
