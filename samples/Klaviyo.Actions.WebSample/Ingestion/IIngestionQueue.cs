using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Where accepted messages wait for delivery: the in-memory <see cref="IngestionQueue"/> (one process, the default) or
/// <see cref="Redis.RedisIngestionQueue"/> (Redis Streams, several processes, survives crashes and restarts).
/// </summary>
internal interface IIngestionQueue
{
    /// <summary>Stores all the messages or none, waiting for room at most <see cref="WebSampleOptions.EnqueueTimeout"/>.</summary>
    ValueTask<EnqueueResult> EnqueueAsync(IReadOnlyList<SegmentEvent> messages, CancellationToken cancellationToken);

    /// <summary>Messages accepted and without an outcome yet (the whole cluster's with Redis).</summary>
    ValueTask<long> GetPendingAsync(CancellationToken cancellationToken);

    /// <summary>Stops taking messages (shutting down): further calls get <see cref="EnqueueResult.Closed"/>.</summary>
    void Complete();
}
