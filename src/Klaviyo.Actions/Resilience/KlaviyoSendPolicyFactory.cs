using Klaviyo.Actions.Http;
using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Resilience;

/// <summary>
/// Builds the send policy (rate limiter + retries + timeouts) from options: the one definition shared by
/// <c>new KlaviyoClient(...)</c> and the DI registration.
/// </summary>
internal static class KlaviyoSendPolicyFactory
{
    // CONTRACT STUB: the host-integration work item replaces this with the Polly pipeline and rate limiter.
    public static IKlaviyoSendPolicy Create(KlaviyoClientOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _ = options;
        _ = timeProvider;
        _ = loggerFactory;
        return SingleAttemptSendPolicy.Instance;
    }
}
