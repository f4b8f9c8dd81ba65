using System.Threading.RateLimiting;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Klaviyo.Actions.Resilience;

/// <summary>
/// Builds the Polly pipeline every Klaviyo call runs through, outermost first:
/// client-side rate limiter → total timeout → retry → per-attempt timeout.
/// </summary>
internal static class KlaviyoResiliencePipeline
{
    /// <summary>The pipeline's name in Polly telemetry.</summary>
    public const string Name = "Klaviyo.Actions";

    /// <summary>Builds the pipeline for <paramref name="options"/>.</summary>
    /// <param name="options">Resilience and rate-limit settings; the key and host name the account in the rate limiter.</param>
    /// <param name="timeProvider">The clock of every wait and timeout.</param>
    /// <param name="logger">Retry and rate-limiter logs.</param>
    /// <param name="metrics">Retry and throttling counters.</param>
    /// <param name="replacement">When set, adds the strategies in place of the built-in timeouts and retry (the rate limiter stays).</param>
    /// <param name="random">Jitter source in [0, 1); <see cref="Random.Shared"/> when <see langword="null"/>.</param>
    /// <param name="rateLimiter">The rate limiter to wait in; a new <see cref="KlaviyoInProcessRateLimiter"/> of this pipeline when <see langword="null"/>.</param>
    public static ResiliencePipeline<HttpResponseMessage> Build(
        KlaviyoClientOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        KlaviyoMetrics metrics,
        Action<ResiliencePipelineBuilder<HttpResponseMessage>>? replacement = null,
        Func<double>? random = null,
        PartitionedRateLimiter<KlaviyoRateLimitRequest>? rateLimiter = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = Name, TimeProvider = timeProvider };

        if (options.RateLimiting.Enabled)
        {
            var limiter = rateLimiter ?? new KlaviyoInProcessRateLimiter(timeProvider);
            string account = KlaviyoAccountId.For(options.BaseAddress, options.ApiKey);
            builder.AddStrategy(_ => new RateLimiterResilienceStrategy(limiter, account, options.RateLimiting, timeProvider, logger, metrics));
        }

        if (options.Resilience.Enabled)
        {
            if (replacement is not null)
            {
                replacement(builder);
            }
            else
            {
                AddTimeoutsAndRetry(builder, options.Resilience, timeProvider, logger, metrics, random ?? NextJitter);
            }
        }

        return builder.Build();
    }

    private static void AddTimeoutsAndRetry(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        KlaviyoResilienceOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        KlaviyoMetrics metrics,
        Func<double> random)
    {
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "KlaviyoTotalTimeout", Timeout = options.TotalTimeout });

        if (options.MaxRetryAttempts > 0)
        {
            var delays = new KlaviyoRetryDelay(options, timeProvider, random);
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "KlaviyoRetry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.Zero,
                UseJitter = false,
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Context.Properties.TryGetValue(KlaviyoResilienceKeys.Operation, out var operation) &&
                    KlaviyoRetryPredicate.ShouldRetry(operation, args.Outcome)),
                DelayGenerator = async args =>
                {
                    var (delay, source) = await delays.GetAsync(args.Outcome, args.AttemptNumber, args.Context.CancellationToken).ConfigureAwait(false);
                    args.Context.Properties.Set(KlaviyoResilienceKeys.DelaySource, source);
                    return delay;
                },
                OnRetry = args =>
                {
                    string operation = args.Context.Properties.GetValue(KlaviyoResilienceProperties.OperationName, "unknown");
                    string source = args.Context.Properties.GetValue(KlaviyoResilienceKeys.DelaySource, KlaviyoRetryDelay.FromBackoff);
                    string outcome = KlaviyoRetryPredicate.Describe(args.Outcome);
                    Log.RetryScheduled(logger, operation, args.AttemptNumber + 1, outcome, args.RetryDelay.TotalMilliseconds, source);
                    metrics.RecordRetry(operation, outcome);
                    KlaviyoTelemetry.CurrentActionActivity?.AddEvent(new System.Diagnostics.ActivityEvent(
                        "klaviyo.retry",
                        tags: new System.Diagnostics.ActivityTagsCollection
                        {
                            { KlaviyoMetrics.OperationTag, operation },
                            { KlaviyoMetrics.ErrorTypeTag, outcome },
                            { "klaviyo.retry.delay_ms", args.RetryDelay.TotalMilliseconds },
                        }));
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "KlaviyoAttemptTimeout", Timeout = options.AttemptTimeout });
    }

    // Jitter only spreads retries; it needs no cryptographic randomness.
#pragma warning disable CA5394
    private static double NextJitter() => Random.Shared.NextDouble();
#pragma warning restore CA5394
}
