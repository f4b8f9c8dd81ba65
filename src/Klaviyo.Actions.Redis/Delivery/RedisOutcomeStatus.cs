namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>A message's final outcome, as recorded in the outcome stream.</summary>
public enum RedisOutcomeStatus
{
    /// <summary>Every mapping that applied was sent (or none applied).</summary>
    Delivered,

    /// <summary>Some mapping could not build a valid request; nothing of it was sent, and none failed.</summary>
    Invalid,

    /// <summary>Some mapping failed for good (refused by Klaviyo, or dead-lettered after too many deliveries).</summary>
    Failed,
}
