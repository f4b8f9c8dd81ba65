using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Routes accepted messages through the destination (many at once, each user's in order), counting and logging
/// every outcome. On shutdown it stops intake and drains the queue before the batcher's own drain runs.
/// </summary>
/// <remarks>
/// The destination's own stream routing (<see cref="KlaviyoDestination.SendAllAsync(IAsyncEnumerable{SegmentEvent}, CancellationToken)"/>)
/// knows when every slot waits on the batching queue and flushes it then. Routing message by message would leave
/// each batched action to the queue's delay instead: at most one slot's worth of messages per delay, 78 messages a
/// second in a 20,000-message load where this routes thousands.
/// </remarks>
internal sealed class IngestionWorker(
    IngestionQueue queue,
    KlaviyoDestination destination,
    IngestionStats stats,
    OutcomeLogger outcomes,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by stoppingToken: accepted messages are routed to the end; StopAsync completes the queue.
        // Results come back in arrival order: a message still waiting (on its batch, or on Klaviyo) holds back the
        // counting, not the routing, of later ones. A failure is a result, never an exception that ends the stream.
        try
        {
            await foreach (var result in destination.SendAllAsync(queue.ReadAllAsync(), CancellationToken.None))
            {
                try
                {
                    stats.Add(result);
                    outcomes.Log(result);
                }
                finally
                {
                    queue.MarkDone();
                }
            }
        }
        catch (Exception ex)
        {
            // Logged, counted and rethrown: the host stops rather than silently keeping messages it no longer routes.
            stats.AddCrashed(null, ex.GetType().Name);
            IngestionLog.Crashed(logger, null, ex);
            throw;
        }
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
}
