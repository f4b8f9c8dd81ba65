using Klaviyo.Actions.Redis.Delivery;

namespace Klaviyo.Actions.WebSample.Ingestion.Redis;

/// <summary>
/// Counts and logs (one "Message {MessageId}: ..." line) each outcome this process recorded in Redis: exactly once per
/// message across the cluster, since the record script runs before.
/// </summary>
internal sealed class IngestionOutcomeObserver(IngestionStats stats, OutcomeLogger outcomes, ILogger<IngestionOutcomeObserver> logger) : IRedisDeliveryObserver
{
    public void OnRecorded(RedisRecordedOutcome outcome)
    {
        if (outcome.Result is { } result && !outcome.DeadLettered)
        {
            stats.Add(result);
            outcomes.Log(result);
            return;
        }

        stats.AddCrashed(outcome.MessageId, "dead-lettered");
        IngestionLog.MessageFailed(logger, outcome.MessageId, "failed (dead-lettered: " + outcome.Reason + ")");
    }
}
