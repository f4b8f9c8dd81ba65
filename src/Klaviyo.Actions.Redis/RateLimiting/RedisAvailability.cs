using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Redis.RateLimiting;

/// <summary>
/// Whether the limiter is in a Redis outage, with one log line when an outage starts (naming the configured choice) and
/// one when it ends, however many calls meet it.
/// </summary>
internal sealed class RedisAvailability(RedisRateLimitingOptions options, TimeProvider timeProvider, ILogger logger)
{
    private readonly object _gate = new();
    private DateTimeOffset? _downSince;

    /// <summary>Whether the last call found Redis unreachable.</summary>
    public bool IsDown
    {
        get
        {
            lock (_gate)
            {
                return _downSince is not null;
            }
        }
    }

    /// <summary>Records that Redis could not be reached; logs when this starts an outage.</summary>
    public void MarkDown(Exception? cause)
    {
        lock (_gate)
        {
            if (_downSince is not null)
            {
                return;
            }

            _downSince = timeProvider.GetUtcNow();
        }

        if (options.WhenRedisUnavailable == RedisUnavailableBehavior.FailClosed)
        {
            RateLimitingLog.FailingClosed(logger, cause);
        }
        else
        {
            RateLimitingLog.FallingBack(logger, options.InstanceCount, cause);
        }
    }

    /// <summary>Records that Redis answered; logs when this ends an outage.</summary>
    public void MarkUp()
    {
        DateTimeOffset since;
        lock (_gate)
        {
            if (_downSince is not { } down)
            {
                return;
            }

            since = down;
            _downSince = null;
        }

        RateLimitingLog.Recovered(logger, (timeProvider.GetUtcNow() - since).TotalSeconds);
    }
}
