using System.Threading.RateLimiting;

namespace Klaviyo.Actions;

/// <summary>Views of a Klaviyo rate limiter for code that takes a plain <see cref="RateLimiter"/>.</summary>
public static class KlaviyoRateLimiterExtensions
{
    /// <summary>
    /// A <see cref="RateLimiter"/> that asks <paramref name="limiter"/> for slots of one account's endpoint
    /// (<paramref name="request"/>): for Polly's <c>AddRateLimiter</c>, ASP.NET Core rate limiting or any other code
    /// written against <see cref="RateLimiter"/>. Views of one limiter share its state; disposing a view does not
    /// dispose the limiter.
    /// </summary>
    /// <param name="limiter">The Klaviyo limiter (in-process, Redis, or your own).</param>
    /// <param name="request">The account, endpoint, limits and maximum wait of every slot asked for.</param>
    /// <returns>The view.</returns>
    public static RateLimiter ForEndpoint(this PartitionedRateLimiter<KlaviyoRateLimitRequest> limiter, KlaviyoRateLimitRequest request)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(request);
        return new EndpointRateLimiter(limiter, request);
    }

    private sealed class EndpointRateLimiter(PartitionedRateLimiter<KlaviyoRateLimitRequest> limiter, KlaviyoRateLimitRequest request) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => limiter.GetStatistics(request);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => limiter.AttemptAcquire(request, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            limiter.AcquireAsync(request, permitCount, cancellationToken);
    }
}
