using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Redis.Delivery;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Klaviyo.Actions.WebSample.Ingestion.Redis;

/// <summary>
/// The ingestion queue on Redis Streams: a call's messages are stored all or none by one script call before the call
/// is answered 200; at the cap the call waits up to <see cref="WebSampleOptions.EnqueueTimeout"/>, then 503
/// <c>queue_full</c>; Redis unreachable gives 503 <c>queue_unavailable</c> at once. Stops taking calls when the host
/// starts stopping (the accepted messages are in Redis: another process, or this one after a restart, delivers them).
/// </summary>
internal sealed class RedisIngestionQueue(RedisMessageProducer producer, RedisOutcomeReader reader, IOptions<WebSampleOptions> options)
    : IIngestionQueue, IHostedLifecycleService
{
    private volatile bool _closed;

    public async ValueTask<EnqueueResult> EnqueueAsync(IReadOnlyList<SegmentEvent> messages, CancellationToken cancellationToken)
    {
        if (_closed)
        {
            return EnqueueResult.Closed;
        }

        try
        {
            var wait = options.Value.EnqueueTimeout < TimeSpan.Zero ? TimeSpan.Zero : options.Value.EnqueueTimeout;
            return await producer.EnqueueAsync(messages, wait, cancellationToken) == RedisEnqueueResult.Accepted
                ? EnqueueResult.Accepted
                : EnqueueResult.Full;
        }
        catch (RedisException)
        {
            return EnqueueResult.Unavailable;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return EnqueueResult.Unavailable; // a Redis call timed out
        }
    }

    public async ValueTask<long> GetPendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await reader.GetOutstandingAsync(cancellationToken);
        }
        catch (RedisException)
        {
            return -1; // unknown while Redis is unreachable
        }
    }

    public void Complete() => _closed = true;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Before any service stops (the server still answers): calls from now on get 503.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        Complete();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
