using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;

namespace Klaviyo.Actions.Resilience;

/// <summary>
/// The outermost strategy of the Klaviyo pipeline: waits for a slot in the account's client-side rate limiter
/// (<see cref="AccountRateLimiter"/>) before the call's timeouts and retries start.
/// </summary>
internal sealed class RateLimiterResilienceStrategy : ResilienceStrategy
{
    /// <summary>Waits at least this long are logged as warnings; shorter burst smoothing is logged at debug.</summary>
    internal static readonly TimeSpan WarningThreshold = TimeSpan.FromSeconds(1);

    private readonly AccountRateLimiter _limiter;
    private readonly double _share;
    private readonly TimeSpan _maxWait;
    private readonly ILogger _logger;
    private readonly KlaviyoMetrics _metrics;

    public RateLimiterResilienceStrategy(AccountRateLimiter limiter, KlaviyoRateLimitOptions options, ILogger logger, KlaviyoMetrics metrics)
    {
        _limiter = limiter;
        _share = options.Share;
        _maxWait = options.MaxWait;
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
            var limits = RateLimitWindows.ForTier(operation.Tier, _share);
            try
            {
                var waited = await _limiter.AcquireAsync(operation.Name, limits, _maxWait, context.CancellationToken)
                    .ConfigureAwait(context.ContinueOnCapturedContext);
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
            catch (KlaviyoRateLimiterTimeoutException ex)
            {
                _metrics.RecordThrottled(operation.Name, "client");
                Log.RateLimiterRejected(_logger, operation.Name, ex.RequiredWait.TotalMilliseconds, ex.MaxWait.TotalMilliseconds);
                return Outcome.FromException<TResult>(ex);
            }
            catch (OperationCanceledException ex)
            {
                return Outcome.FromException<TResult>(ex);
            }
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
