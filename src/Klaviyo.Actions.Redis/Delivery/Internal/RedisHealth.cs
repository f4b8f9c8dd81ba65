using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>Logs Redis becoming unreachable once per outage (and its return), and gives the back-off between attempts.</summary>
internal sealed class RedisHealth(ILogger logger)
{
    private int _down;

    public static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or RedisTimeoutException or RedisConnectionException or TimeoutException or ObjectDisposedException;

    public void Failed(string operation, Exception exception)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            DeliveryLog.RedisDown(logger, operation, exception.GetType().Name);
        }
    }

    public void Succeeded(string operation)
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            DeliveryLog.RedisBack(logger, operation);
        }
    }

    /// <summary>The wait before the next attempt: doubles from 50 ms to 2 s.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(2000, 50 * Math.Pow(2, Math.Min(attempt, 6))));
}
