namespace Klaviyo.Actions.Batching;

/// <summary>
/// A background queue that sends action requests to Klaviyo in bulk. Each enqueued item gets a handle that
/// completes with its outcome; no item is ever dropped without one.
/// </summary>
public interface IKlaviyoBatcher
{
    /// <summary>Items waiting to be sent (not yet handed to a bulk request).</summary>
    long QueueLength { get; }

    /// <summary>
    /// Validates and queues an item. Invalid items are not queued: their handle is already complete with an
    /// <see cref="KlaviyoItemStatus.Invalid"/> outcome. When the queue is full the call waits for room
    /// (<see cref="QueueFullMode.Wait"/>) or throws <see cref="KlaviyoQueueFullException"/> (<see cref="QueueFullMode.FailFast"/>).
    /// </summary>
    /// <param name="item">The item; every action request converts to it implicitly.</param>
    /// <param name="cancellationToken">Cancels waiting for room; the item is then not queued.</param>
    /// <returns>Once queued: the handle, a task that completes with the item's outcome.</returns>
    /// <exception cref="ObjectDisposedException">The queue is shutting down.</exception>
    ValueTask<Task<KlaviyoItemOutcome>> EnqueueAsync(KlaviyoBatchItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends what is queued now and completes when every item whose <see cref="EnqueueAsync"/> started before
    /// this call has an outcome (including job tracking, when on).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the items are still sent.</param>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
