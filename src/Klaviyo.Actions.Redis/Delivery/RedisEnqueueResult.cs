namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>What became of a call's messages offered to the Redis queue.</summary>
public enum RedisEnqueueResult
{
    /// <summary>All of them are stored in Redis.</summary>
    Accepted,

    /// <summary>None: the queue stayed at its cap (<see cref="RedisDeliveryOptions.MaxOutstanding"/>) for the whole wait.</summary>
    Full,
}
