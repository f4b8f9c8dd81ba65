using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Klaviyo.Actions.Http.RateLimiting;

/// <summary>
/// The in-process rate limiter of one Klaviyo account: a <see cref="SlidingWindowLog"/> per endpoint, because Klaviyo
/// counts each endpoint separately within its tier.
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

    /// <summary>
    /// Waits until the endpoint has a free slot and claims it. Refuses at once, without waiting or reserving, when the
    /// slot is further away than <paramref name="maxWait"/> (the lease carries the wait that was needed).
    /// </summary>
    /// <param name="endpoint">The operation id.</param>
    /// <param name="limits">This caller's limits (already scaled by its share).</param>
    /// <param name="maxWait">The longest acceptable wait.</param>
    /// <param name="cancellationToken">Cancels the wait; the slot is given back.</param>
    public async ValueTask<RateLimitLease> AcquireAsync(string endpoint, KlaviyoRateLimitWindows limits, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var log = Log(endpoint);
        long now = _timeProvider.GetTimestamp();
        if (log.TryReserve(now, limits, ToTicks(maxWait)) is not { } slot)
        {
            return KlaviyoRateLimitLease.Refused(FromTicks(log.Peek(now, limits) - now));
        }

        var wait = FromTicks(slot - now);
        if (wait <= TimeSpan.Zero)
        {
            return KlaviyoRateLimitLease.Immediate;
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

        return KlaviyoRateLimitLease.Acquired(wait);
    }

    /// <summary>Claims a slot only when one is free now; else refuses with the wait that was needed.</summary>
    /// <param name="endpoint">The operation id.</param>
    /// <param name="limits">This caller's limits.</param>
    public RateLimitLease TryAcquireNow(string endpoint, KlaviyoRateLimitWindows limits)
    {
        var log = Log(endpoint);
        long now = _timeProvider.GetTimestamp();
        return log.TryReserve(now, limits, 0) is not null
            ? KlaviyoRateLimitLease.Immediate
            : KlaviyoRateLimitLease.Refused(FromTicks(log.Peek(now, limits) - now));
    }

    /// <summary>The log of one endpoint (for tests).</summary>
    internal SlidingWindowLog? Endpoint(string endpoint) => _endpoints.GetValueOrDefault(endpoint);

    private SlidingWindowLog Log(string endpoint) =>
        _endpoints.GetOrAdd(endpoint, static (_, frequency) => new SlidingWindowLog(frequency), _timeProvider.TimestampFrequency);

    private long ToTicks(TimeSpan span) =>
        span >= TimeSpan.FromDays(1) ? long.MaxValue / 2 : (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);

    private TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds((double)ticks / _timeProvider.TimestampFrequency);
}
