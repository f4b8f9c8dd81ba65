using Klaviyo.Actions.Mapping;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Routes accepted messages through the destination (many at once, each user's in order), counting and logging
/// every outcome. On shutdown it stops intake and drains the queue before the batcher's own drain runs.
/// </summary>
internal sealed class IngestionWorker(
    IngestionQueue queue,
    KlaviyoDestination destination,
    IngestionStats stats,
    OutcomeLogger outcomes,
    IOptions<WebSampleOptions> options,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by stoppingToken: accepted messages are routed to the end; StopAsync completes the queue.
        using var runner = new UserOrderedRunner(Math.Clamp(options.Value.MaxConcurrency, 1, 256));
        await runner.RunAsync(queue.ReadAllAsync(), RouteAsync);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        IngestionLog.Draining(logger, queue.Pending);
        queue.Complete();
        if (ExecuteTask is { } running)
        {
            await running.WaitAsync(cancellationToken);
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task RouteAsync(SegmentEvent message)
    {
        try
        {
            var result = await destination.SendAsync(message, CancellationToken.None);
            stats.Add(result);
            outcomes.Log(result);
        }
#pragma warning disable CA1031 // One message's unexpected failure must not stop the others; it is counted and logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stats.AddCrashed(message.MessageId, ex.GetType().Name);
            IngestionLog.Crashed(logger, message.MessageId, ex);
        }
        finally
        {
            queue.MarkDone();
        }
    }
}
