using System.Collections.Concurrent;

namespace Klaviyo.Actions.Http.RateLimiting;

/// <summary>
/// The client-side rate limiter of one Klaviyo account (one API key against one host): a
/// <see cref="SlidingWindowLog"/> per endpoint, because Klaviyo counts each endpoint separately within its tier.
/// </summary>
internal sealed class AccountRateLimiter
{
    private readonly ConcurrentDictionary<string, SlidingWindowLog> _endpoints = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the limiter.</summary>
    /// <param name="timeProvider">The clock every wait is measured on.</param>
    public AccountRateLimiter(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>The clock of this limiter.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>
    /// Waits until the endpoint has a free slot and claims it. Returns how long it waited (zero when a slot was
    /// free). Throws <see cref="KlaviyoRateLimiterTimeoutException"/> at once, without waiting, when the slot is
    /// further away than <paramref name="maxWait"/>.
    /// </summary>
    /// <param name="endpoint">The operation id.</param>
    /// <param name="limits">This caller's limits (already scaled by its share).</param>
    /// <param name="maxWait">The longest acceptable wait.</param>
    /// <param name="cancellationToken">Cancels the wait; the slot is given back.</param>
    public async ValueTask<TimeSpan> AcquireAsync(string endpoint, RateLimitWindows limits, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var log = _endpoints.GetOrAdd(endpoint, static (_, frequency) => new SlidingWindowLog(frequency), _timeProvider.TimestampFrequency);
        long now = _timeProvider.GetTimestamp();
        long maxWaitTicks = ToTicks(maxWait);
        if (log.TryReserve(now, limits, maxWaitTicks) is not { } slot)
        {
            var needed = FromTicks(log.Peek(now, limits) - now);
            throw new KlaviyoRateLimiterTimeoutException(endpoint, needed, maxWait);
        }

        var wait = FromTicks(slot - now);
        if (wait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        try
        {
            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.Release(slot);
            throw;
        }

        return wait;
    }

    /// <summary>The log of one endpoint (for tests).</summary>
    internal SlidingWindowLog? Endpoint(string endpoint) => _endpoints.GetValueOrDefault(endpoint);

    private long ToTicks(TimeSpan span) =>
        span >= TimeSpan.FromDays(1) ? long.MaxValue / 2 : (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);

    private TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds((double)ticks / _timeProvider.TimestampFrequency);
}
