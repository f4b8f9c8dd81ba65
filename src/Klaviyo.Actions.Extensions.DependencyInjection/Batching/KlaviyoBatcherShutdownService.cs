using Klaviyo.Actions.Batching;
using Microsoft.Extensions.Hosting;

namespace Klaviyo.Actions.Extensions.DependencyInjection;

/// <summary>
/// Drains the <see cref="KlaviyoBatcher"/> when the host stops: no more items are accepted, everything queued is
/// sent within <see cref="KlaviyoBatchingOptions.ShutdownDrainTimeout"/> (or until the host's stop token fires),
/// and whatever could not be delivered completes as Failed ("not delivered before shutdown"), is logged and
/// counted in <c>klaviyo.actions.items</c>. <c>AddBackgroundBatching()</c> keeps <c>HostOptions.ShutdownTimeout</c> above the drain timeout.
/// </summary>
internal sealed class KlaviyoBatcherShutdownService(KlaviyoBatcher batcher) : IHostedService
{
    /// <summary>The report of the last drain, for diagnostics and tests.</summary>
    public KlaviyoDrainReport? LastReport { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LastReport = await batcher.DrainAsync(cancellationToken).ConfigureAwait(false);
    }
}
