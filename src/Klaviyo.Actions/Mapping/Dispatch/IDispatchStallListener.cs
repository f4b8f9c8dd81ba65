namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A dispatcher that wants to know while the destination cannot start another event until some in flight finish
/// (every concurrency slot is taken, the oldest result is awaited, or the input has ended). A batching dispatcher
/// flushes its queue for as long as that lasts: nothing more will join the batch until an outcome comes back, so
/// waiting for the queue's delay would only idle. Calls come in pairs, possibly from several destinations at once.
/// </summary>
internal interface IDispatchStallListener
{
    /// <summary>Routing starts waiting on work already started (called often; must be cheap).</summary>
    void OnStalled();

    /// <summary>The wait that <see cref="OnStalled"/> announced is over.</summary>
    void OnResumed();
}
