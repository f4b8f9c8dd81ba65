namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>Every observer registered in the container, told in registration order.</summary>
internal sealed class ObserverList(IReadOnlyList<IRedisDeliveryObserver> observers) : IRedisDeliveryObserver
{
    public void OnRecorded(RedisRecordedOutcome outcome)
    {
        foreach (var observer in observers)
        {
            observer.OnRecorded(outcome);
        }
    }
}
