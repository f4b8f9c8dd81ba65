using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Sync.Segment;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Sync;

/// <summary>
/// Runs the <see cref="KlaviyoToSegmentSync"/> at start and then every <see cref="KlaviyoToSegmentOptions.Interval"/>
/// (measured on the app's <see cref="TimeProvider"/>, from the end of one run to the start of the next, so runs never
/// overlap). A run that fails is logged and retried at the next interval from its cursor; stopping the host cancels
/// the run in progress, and what Segment accepted stays recorded.
/// </summary>
internal sealed partial class KlaviyoToSegmentSyncService(
    KlaviyoToSegmentSync sync,
    IOptions<KlaviyoToSegmentOptions> options,
    IServiceProvider services,
    ILogger<KlaviyoToSegmentSyncService> logger) : BackgroundService
{
    private readonly TimeProvider _timeProvider = KlaviyoServices.TimeProvider(services);

    /// <summary>The last run's result, for diagnostics and tests.</summary>
    public KlaviyoToSegmentRunResult? LastResult { get; private set; }

    /// <summary>Runs completed (successfully or not) since start.</summary>
    public int Runs { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                LastResult = await sync.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                RunCrashed(logger, options.Value.SyncName, ex);
            }

            Runs++;
            try
            {
                await Task.Delay(options.Value.Interval, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 110, EventName = "KlaviyoToSegmentRunCrashed", Level = LogLevel.Error, Message = "Klaviyo → Segment sync {SyncName} crashed; it runs again at the next interval")]
    private static partial void RunCrashed(ILogger logger, string syncName, Exception exception);
}
