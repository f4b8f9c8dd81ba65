using System.Threading.RateLimiting;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;

namespace Klaviyo.Actions.Resilience;

/// <summary>
/// The outermost strategy of the Klaviyo pipeline: waits for a slot in the account's rate limiter (the client's own
/// <see cref="KlaviyoInProcessRateLimiter"/>, or one it was given) before the call's timeouts and retries start.
/// </summary>
internal sealed class RateLimiterResilienceStrategy : ResilienceStrategy
{
    /// <summary>Waits at least this long are logged as warnings; shorter burst smoothing is logged at debug.</summary>
    internal static readonly TimeSpan WarningThreshold = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<KlaviyoRateLimitRequest> _limiter;
    private readonly string _account;
    private readonly double _share;
    private readonly TimeSpan _maxWait;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly KlaviyoMetrics _metrics;

    public RateLimiterResilienceStrategy(
        PartitionedRateLimiter<KlaviyoRateLimitRequest> limiter,
        string account,
        KlaviyoRateLimitOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        KlaviyoMetrics metrics)
    {
        _limiter = limiter;
        _account = account;
        _share = options.Share;
        _maxWait = options.MaxWait;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
    }

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        if (context.Properties.TryGetValue(KlaviyoResilienceKeys.Operation, out var operation))
        {
            var limits = KlaviyoRateLimitWindows.ForTier(operation.Tier, _share);
            var request = new KlaviyoRateLimitRequest(_account, operation.Name, limits, _maxWait);
            try
            {
                long started = _timeProvider.GetTimestamp();
                using var lease = await _limiter.AcquireAsync(request, 1, context.CancellationToken)
                    .ConfigureAwait(context.ContinueOnCapturedContext);
                if (!lease.IsAcquired)
                {
                    var needed = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _maxWait;
                    var error = new KlaviyoRateLimiterTimeoutException(operation.Name, needed, _maxWait);
                    _metrics.RecordThrottled(operation.Name, "client");
                    Log.RateLimiterRejected(_logger, operation.Name, needed.TotalMilliseconds, _maxWait.TotalMilliseconds);
                    return Outcome.FromException<TResult>(error);
                }

                var waited = lease.TryGetMetadata(KlaviyoRateLimitRequest.WaitedMetadata, out var reported) ? reported : _timeProvider.GetElapsedTime(started);
                if (waited > TimeSpan.Zero)
                {
                    _metrics.RecordThrottled(operation.Name, "client");
                    if (waited >= WarningThreshold)
                    {
                        Log.RateLimiterWait(_logger, operation.Name, waited.TotalMilliseconds, limits.Burst, limits.Steady);
                    }
                    else
                    {
                        Log.RateLimiterShortWait(_logger, operation.Name, waited.TotalMilliseconds, limits.Burst, limits.Steady);
                    }
                }
            }
#pragma warning disable CA1031 // Whatever the limiter throws (canceled, or a shared limiter that cannot be reached) fails this call alone, unsent.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return Outcome.FromException<TResult>(ex);
            }
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
