using Polly;

namespace Klaviyo.Actions;

/// <summary>
/// Properties the Klaviyo client puts on every <see cref="ResilienceContext"/> it runs its pipeline with, so a
/// pipeline that replaces the built-in one (<c>ConfigureResilience(...)</c>) can make the same decisions.
/// </summary>
public static class KlaviyoResilienceProperties
{
    /// <summary>Klaviyo's operation id of the call, e.g. <c>create_event</c> or <c>create_list</c>.</summary>
    public static readonly ResiliencePropertyKey<string> OperationName = new("Klaviyo.OperationName");

    /// <summary>
    /// Whether the call may be repeated after an unknown outcome (timeout, 5xx, connection failure): true for
    /// reads, state-setting writes and events with a <c>unique_id</c>; false for writes that may create twice
    /// (list creation), which should be retried only on 429.
    /// </summary>
    public static readonly ResiliencePropertyKey<bool> RetryOnUnknownOutcome = new("Klaviyo.RetryOnUnknownOutcome");
}
