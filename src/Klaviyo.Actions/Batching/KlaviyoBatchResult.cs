namespace Klaviyo.Actions.Batching;

/// <summary>The per-item outcomes of a bulk call, in input order, with summary counts.</summary>
/// <typeparam name="TRequest">The request type.</typeparam>
public sealed class KlaviyoBatchResult<TRequest>
{
    /// <summary>Creates a result (also for tests and fakes of <see cref="IKlaviyoBulkClient"/>).</summary>
    /// <param name="requests">The requests in input order.</param>
    /// <param name="outcomes">One outcome per request, in the same order.</param>
    public KlaviyoBatchResult(IReadOnlyList<TRequest> requests, IReadOnlyList<KlaviyoItemOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (requests.Count != outcomes.Count)
        {
            throw new ArgumentException($"Expected one outcome per request ({requests.Count}), got {outcomes.Count}.", nameof(outcomes));
        }

        var items = new KlaviyoItemResult<TRequest>[requests.Count];
        for (int i = 0; i < items.Length; i++)
        {
            var outcome = outcomes[i] ?? throw new ArgumentException($"Outcome {i} is null.", nameof(outcomes));
            items[i] = new KlaviyoItemResult<TRequest>(i, requests[i], outcome);
            switch (outcome.Status)
            {
                case KlaviyoItemStatus.Accepted: AcceptedCount++; break;
                case KlaviyoItemStatus.Invalid: InvalidCount++; break;
                case KlaviyoItemStatus.Rejected: RejectedCount++; break;
                default: FailedCount++; break;
            }
        }

        Items = items;
    }

    /// <summary>Every item, in input order.</summary>
    public IReadOnlyList<KlaviyoItemResult<TRequest>> Items { get; }

    /// <summary>The number of items.</summary>
    public int Count => Items.Count;

    /// <summary>Items Klaviyo accepted.</summary>
    public int AcceptedCount { get; }

    /// <summary>Items that failed validation and were not sent.</summary>
    public int InvalidCount { get; }

    /// <summary>Items Klaviyo refused.</summary>
    public int RejectedCount { get; }

    /// <summary>Items that were not delivered (transient errors after retries, transport failures, cancellation).</summary>
    public int FailedCount { get; }

    /// <summary>Whether every item was accepted.</summary>
    public bool AllAccepted => AcceptedCount == Items.Count;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Count} items: {AcceptedCount} accepted, {InvalidCount} invalid, {RejectedCount} rejected, {FailedCount} failed";
}
