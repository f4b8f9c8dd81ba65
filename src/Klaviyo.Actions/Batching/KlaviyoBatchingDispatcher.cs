using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Sends a destination's actions through the background queue when their mapping turns batching on
/// (<c>enable_batching</c>), and straight through the client otherwise. Each batched action still gets its own
/// outcome: accepted, invalid (<see cref="KlaviyoValidationException"/>), or rejected/failed
/// (<see cref="KlaviyoApiException"/> or <see cref="KlaviyoBatchItemException"/>).
/// </summary>
/// <remarks>
/// A destination waits for each batched outcome, so the events it has in flight
/// (<see cref="KlaviyoDestinationOptions.MaxConcurrency"/>) bound how many items can join a batch. When the
/// destination cannot start another event until outcomes come back, this dispatcher flushes the queue at once
/// instead of letting the waiting items sit out <see cref="KlaviyoBatchingOptions.MaxDelay"/>; raise
/// <see cref="KlaviyoDestinationOptions.MaxConcurrency"/> for fuller batches (fewer requests).
/// </remarks>
public sealed class KlaviyoBatchingDispatcher : IKlaviyoActionDispatcher, IDispatchStallListener
{
    private readonly IKlaviyoClient _client;
    private readonly IKlaviyoBatcher _batcher;
    private readonly StallFlusher _stallFlusher;
    private long _waiting;
    private int _stalledRoutes;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="client">Sends actions whose mapping does not batch.</param>
    /// <param name="batcher">The queue for batched actions.</param>
    public KlaviyoBatchingDispatcher(IKlaviyoClient client, IKlaviyoBatcher batcher)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(batcher);
        _client = client;
        _batcher = batcher;
        _stallFlusher = new StallFlusher(batcher);
    }

    /// <summary>
    /// Also queue Order Completed (the order event and one event per product, sent through bulk event create).
    /// Defaults to <see langword="false"/>. Segment's Order Completed mapping has no <c>enable_batching</c>
    /// field, so by default it is sent at once: the order, then its product events once Klaviyo has accepted the
    /// order. When this is <see langword="true"/>, the order and its products travel in the same bulk request, with the
    /// same unique ids, and the number of requests drops by one per order plus one per product.
    /// </summary>
    public bool BatchOrderCompleted { get; init; }

    /// <inheritdoc />
    public async Task<KlaviyoActionResult> DispatchAsync(KlaviyoAction action, KlaviyoDispatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.EnableBatching && !(BatchOrderCompleted && action is OrderCompletedAction))
        {
            return new KlaviyoActionResult(action, await action.SendAsync(_client, cancellationToken).ConfigureAwait(false));
        }

        var handle = await _batcher.EnqueueAsync(ToBatchItem(action), cancellationToken).ConfigureAwait(false);
        KlaviyoItemOutcome outcome;
        Interlocked.Increment(ref _waiting);
        if (Volatile.Read(ref _stalledRoutes) > 0)
        {
            // Queued while the destination already waits on every slot (an event's next action after the flush that
            // answered its previous one): nothing else would send it before the delay.
            _stallFlusher.Request();
        }

        try
        {
            outcome = await handle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return outcome.Status switch
        {
            KlaviyoItemStatus.Accepted => new KlaviyoActionResult(action, outcome),
            KlaviyoItemStatus.Invalid => throw new KlaviyoValidationException(action.Slug, outcome.ValidationErrors),
            _ when outcome.StatusCode is { } status => throw new KlaviyoApiException(
                status,
                "POST",
                "(batch)",
                outcome.Error is null ? [] : [outcome.Error],
                responseContent: outcome.Reason),
            _ => throw new KlaviyoBatchItemException(outcome),
        };
    }

    /// <summary>The destination waits on events in flight: send what they queued now rather than after the delay.</summary>
    void IDispatchStallListener.OnStalled()
    {
        // Interlocked on both sides (here, and the increment of _waiting before the read of _stalledRoutes in
        // DispatchAsync): an item queued at the same moment is seen by one side or the other.
        Interlocked.Increment(ref _stalledRoutes);
        if (Interlocked.Read(ref _waiting) > 0)
        {
            _stallFlusher.Request();
        }
    }

    /// <inheritdoc />
    void IDispatchStallListener.OnResumed() => Interlocked.Decrement(ref _stalledRoutes);

    /// <summary>The action's request as a queue item; a destination's validated action is not validated again.</summary>
    private static KlaviyoBatchItem ToBatchItem(KlaviyoAction action)
    {
        KlaviyoBatchItem item = action switch
        {
            UpsertProfileAction a => a.Request,
            TrackEventAction a => a.Request,
            OrderCompletedAction a => a.Request,
            SubscribeProfileAction a => a.Request,
            UnsubscribeProfileAction a => a.Request,
            AddProfileToListAction a => a.Request,
            RemoveProfileFromListAction a => a.Request,
            RemoveProfileAction a => a.Request,
            _ => throw new NotSupportedException($"Action '{action.Slug}' cannot be batched."),
        };
        item.IsValidated = action.IsValidated; // a fresh item, not shared
        return item;
    }
}

/// <summary>A batched item was not delivered for a reason other than a Klaviyo status (transport failure, shutdown).</summary>
public sealed class KlaviyoBatchItemException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="outcome">The item's outcome.</param>
    public KlaviyoBatchItemException(KlaviyoItemOutcome outcome)
        : base($"{outcome.Action} was not delivered: {outcome.Reason ?? outcome.ExceptionSummary ?? outcome.Status.ToString()}")
    {
        Outcome = outcome;
    }

    /// <summary>The item's outcome.</summary>
    public KlaviyoItemOutcome Outcome { get; }
}
