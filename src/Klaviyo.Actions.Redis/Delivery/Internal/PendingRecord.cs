using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>An outcome waiting to be recorded by the record script, with the counters it adds.</summary>
internal sealed record PendingRecord(
    InFlightEntry Entry,
    RedisOutcomeStatus Status,
    string Reason,
    IReadOnlyList<string> Counters,
    bool DeadLetter,
    EventResult? Result)
{
    public static string StatusName(RedisOutcomeStatus status) => status switch
    {
        RedisOutcomeStatus.Delivered => "delivered",
        RedisOutcomeStatus.Invalid => "invalid",
        _ => "failed",
    };

    public RedisRecordedOutcome ToOutcome() =>
        new(Entry.MessageId, Status, Reason, Entry.EntryId, Entry.Partition, Entry.Deliveries, DeadLetter, Result);
}
