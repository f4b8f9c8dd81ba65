namespace Klaviyo.Actions.Redis;

/// <summary>Names shared by everything in this package.</summary>
internal static class RedisConnection
{
    /// <summary>The key prefix every Redis key of this package starts with, so one Redis can serve other apps too.</summary>
    public const string DefaultKeyPrefix = "klaviyo-actions:";
}
