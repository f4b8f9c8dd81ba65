namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>
/// Told about every outcome this process recorded, after the record script succeeded (so exactly once per message
/// across the cluster): log it, count it. Called on the recorder's task; keep it quick and do not throw.
/// </summary>
public interface IRedisDeliveryObserver
{
    /// <summary>One message's final outcome was recorded by this process.</summary>
    /// <param name="outcome">The outcome.</param>
    void OnRecorded(RedisRecordedOutcome outcome);
}
