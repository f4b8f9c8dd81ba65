namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A dispatcher that wants to know when the destination cannot start another event until some in flight finish
/// (every concurrency slot is taken, the oldest result is awaited, or the input has ended). A batching dispatcher
/// flushes its queue then: nothing more will join the batch until an outcome comes back, so waiting for the
/// queue's delay would only idle.
/// </summary>
internal interface IDispatchStallListener
{
    /// <summary>Called (often, cheaply) each time routing waits on work already started.</summary>
    void OnStalled();
}
