using Klaviyo.Actions.Http;
using Polly;

namespace Klaviyo.Actions.Resilience;

/// <summary>Internal properties on the <see cref="ResilienceContext"/> of a Klaviyo call.</summary>
internal static class KlaviyoResilienceKeys
{
    /// <summary>The operation (tier, retry safety).</summary>
    public static readonly ResiliencePropertyKey<KlaviyoOperation> Operation = new("Klaviyo.Operation");

    /// <summary>Where the delay of the retry being scheduled came from, for the retry log.</summary>
    public static readonly ResiliencePropertyKey<string> DelaySource = new("Klaviyo.RetryDelaySource");
}
