using System.Threading.RateLimiting;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Microsoft.Extensions.Logging;
using Polly;

namespace Klaviyo.Actions.Resilience;

/// <summary>
/// Builds the send policy (rate limiter + retries + timeouts) from options: the one definition shared by
/// <c>new KlaviyoClient(...)</c> and the DI registration.
/// </summary>
internal static class KlaviyoSendPolicyFactory
{
    /// <summary>The policy for <paramref name="options"/>, recording on the static meter.</summary>
    /// <param name="options">Resilience and rate-limit settings, key and host.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">Logs.</param>
    /// <param name="rateLimiter">The limiter to wait in; a new in-process one owned by the policy when <see langword="null"/>.</param>
    public static IKlaviyoSendPolicy Create(
        KlaviyoClientOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        PartitionedRateLimiter<KlaviyoRateLimitRequest>? rateLimiter = null) =>
        Create(options, timeProvider, loggerFactory, KlaviyoMetrics.Default, rateLimiter: rateLimiter);

    /// <summary>The policy for <paramref name="options"/>.</summary>
    /// <param name="options">Resilience and rate-limit settings, key and host (checked; an invalid value throws <see cref="ArgumentException"/>).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">Logs go to the <c>Klaviyo.Actions.KlaviyoClient</c> category.</param>
    /// <param name="metrics">The instruments.</param>
    /// <param name="replacement">Strategies that replace the built-in timeouts and retry, or <see langword="null"/>.</param>
    /// <param name="random">Jitter source (tests); <see langword="null"/> for <see cref="Random.Shared"/>.</param>
    /// <param name="rateLimiter">The limiter to wait in; a new in-process one owned by the policy when <see langword="null"/>.</param>
    public static IKlaviyoSendPolicy Create(
        KlaviyoClientOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        KlaviyoMetrics metrics,
        Action<ResiliencePipelineBuilder<HttpResponseMessage>>? replacement = null,
        Func<double>? random = null,
        PartitionedRateLimiter<KlaviyoRateLimitRequest>? rateLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(metrics);
        ResilienceOptionsRules.ThrowIfInvalid(options, nameof(options));

        if (!options.RateLimiting.Enabled && !options.Resilience.Enabled)
        {
            return SingleAttemptSendPolicy.Instance;
        }

        var logger = loggerFactory.CreateLogger<KlaviyoClient>();
        return new KlaviyoSendPolicy(KlaviyoResiliencePipeline.Build(options, timeProvider, logger, metrics, replacement, random, rateLimiter));
    }
}
