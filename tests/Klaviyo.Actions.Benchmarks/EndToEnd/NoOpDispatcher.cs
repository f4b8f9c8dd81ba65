using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// Run (m): accepts every action without sending it, so the destination's own cost (parse, triggers, mapping,
/// validation) can be told apart from delivery.
/// </summary>
internal sealed class NoOpDispatcher : IKlaviyoActionDispatcher
{
    public Task<KlaviyoActionResult> DispatchAsync(KlaviyoAction action, KlaviyoDispatchOptions options, CancellationToken cancellationToken = default) =>
        Task.FromResult(new KlaviyoActionResult(action, null));
}
