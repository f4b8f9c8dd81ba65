using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Routes accepted messages through the destination, which hands their actions to delivery (the background queue)
/// and streams each message's result once all its actions are final; every result is counted and logged.
/// </summary>
/// <remarks>
/// Shutdown, within <see cref="KlaviyoBatchingOptions.ShutdownDrainTimeout"/> (the DI package keeps the host's
/// shutdown timeout above it): intake stops (calls get 503), the messages already accepted are routed, delivery
/// drains until the deadline, and whatever it could not send ends as Failed "not delivered before shutdown". The
/// worker then waits for the last results, so every accepted message is counted and logged with its message id.
/// All of this runs in <see cref="StoppingAsync"/>, before any hosted service stops (the web server included), so
/// calls that arrive during the drain are answered 503 with Retry-After instead of finding the port closed.
/// </remarks>
internal sealed class IngestionWorker(
    IngestionQueue queue,
    KlaviyoDestination destination,
    KlaviyoBatcher delivery,
    IOptionsMonitor<KlaviyoClientOptions> klaviyoOptions,
    TimeProvider timeProvider,
    IngestionStats stats,
    OutcomeLogger outcomes,
    ILogger<IngestionWorker> logger) : BackgroundService, IHostedLifecycleService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by stoppingToken: accepted messages are routed to the end; StopAsync completes the queue.
        // A failure is a result, never an exception that ends the stream.
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

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Drains while the server still answers (before any hosted service's StopAsync).</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        IngestionLog.Draining(logger, queue.Pending);
        queue.Complete();
        var deadline = klaviyoOptions.Get(Options.DefaultName).Batching.ShutdownDrainTimeout;
        long started = timeProvider.GetTimestamp();
        try
        {
            // Routing is quick (it never waits for Klaviyo): let it hand over what was accepted before delivery closes.
            await queue.AllRouted.WaitAsync(deadline, timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Delivery's drain below closes the queue: messages still being routed fail as not accepted, and are counted.
        }

        var remaining = deadline - timeProvider.GetElapsedTime(started);
        var report = await delivery.DrainAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
        IngestionLog.Drained(logger, report.Accepted, report.Failed, report.NotDelivered);
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                IngestionLog.StoppedEarly(logger, queue.Pending);
            }
            catch (Exception)
            {
                // ExecuteAsync logged and counted its own failure.
            }
        }
    }
}
