using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>
/// A message's final outcome, recorded exactly once across every process (only after the record script acknowledged
/// the entry). <see cref="ToString"/> shows no personal data.
/// </summary>
/// <param name="MessageId">The message id.</param>
/// <param name="Status">The final status.</param>
/// <param name="Reason">Why, for invalid and failed messages: mapping, field and rule, or Klaviyo's status; never values.</param>
/// <param name="EntryId">The stream entry id.</param>
/// <param name="Partition">The partition the message was stored in.</param>
/// <param name="Deliveries">How many times the entry was delivered (read) before this outcome.</param>
/// <param name="DeadLettered">Whether the message was moved to the dead-letter stream.</param>
/// <param name="Result">The routing result per mapping; null when the message was dead-lettered without being routed.</param>
public sealed record RedisRecordedOutcome(
    string MessageId,
    RedisOutcomeStatus Status,
    string Reason,
    string EntryId,
    int Partition,
    int Deliveries,
    bool DeadLettered,
    EventResult? Result)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"Message {MessageId}: {Status}{(Reason.Length == 0 ? string.Empty : " (" + Reason + ")")}{(DeadLettered ? ", dead-lettered" : string.Empty)}";
}
