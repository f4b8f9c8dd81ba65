using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Klaviyo.Actions.Http.RateLimiting;

namespace Klaviyo.Actions;

/// <summary>
/// The default Klaviyo rate limiter: Klaviyo's burst and steady windows per account and endpoint, kept in this
/// process's memory. Owned by whoever creates it: <c>new KlaviyoClient(...)</c> makes its own; <c>AddKlaviyoActions</c>
/// keeps one per container, so clients of one account (API key and host) share it. Give the same instance to several
/// clients to make them share their limits; for several processes use the Redis limiter of <c>Klaviyo.Actions.Redis</c>.
/// </summary>
/// <remarks>
/// Implements the contract described on <see cref="KlaviyoRateLimitRequest"/>: first come, first served per endpoint;
/// a grant is counted in every 1-second and 60-second window, not only Klaviyo's aligned ones.
/// <see cref="RateLimiter.AttemptAcquire(int)"/>-style calls (<c>AttemptAcquire</c>) grant only a slot that is free now.
/// Thread-safe.
/// </remarks>
public sealed class KlaviyoInProcessRateLimiter : PartitionedRateLimiter<KlaviyoRateLimitRequest>
{
    private readonly ConcurrentDictionary<string, AccountRateLimiter> _accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _successful;
    private long _failed;
    private int _disposed;

    /// <summary>Creates an empty limiter.</summary>
    /// <param name="timeProvider">The clock of every window and wait; the system clock when <see langword="null"/>.</param>
    public KlaviyoInProcessRateLimiter(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The clock of this limiter.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>
    /// Totals of granted and refused slots across all accounts and endpoints. Available permits are not a single
    /// number here (they differ per endpoint and window) and are reported as zero.
    /// </summary>
    /// <param name="resource">Ignored.</param>
    /// <returns>The totals.</returns>
    public override RateLimiterStatistics? GetStatistics(KlaviyoRateLimitRequest resource) => new()
    {
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(KlaviyoRateLimitRequest resource, int permitCount)
    {
        var account = Account(resource, permitCount);
        return Count(account.TryAcquireNow(resource.Endpoint, resource.Limits));
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(KlaviyoRateLimitRequest resource, int permitCount, CancellationToken cancellationToken)
    {
        var account = Account(resource, permitCount);
        var lease = await account.AcquireAsync(resource.Endpoint, resource.Limits, resource.MaxWait, cancellationToken).ConfigureAwait(false);
        return Count(lease);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        Interlocked.Exchange(ref _disposed, 1);
        base.Dispose(disposing);
    }

    private AccountRateLimiter Account(KlaviyoRateLimitRequest resource, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(resource);
        KlaviyoRateLimitPermits.ThrowIfNotOne(permitCount);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _accounts.GetOrAdd(resource.Account, static (_, time) => new AccountRateLimiter(time), _timeProvider);
    }

    private RateLimitLease Count(RateLimitLease lease)
    {
        Interlocked.Increment(ref lease.IsAcquired ? ref _successful : ref _failed);
        return lease;
    }
}
