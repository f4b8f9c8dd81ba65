namespace Klaviyo.Actions.Batching;

/// <summary>Typed bulk calls for each action, over <see cref="IKlaviyoBulkClient.SendAsync"/>.</summary>
public static class KlaviyoBulkClientExtensions
{
    /// <summary>Upserts profiles through bulk profile import jobs (≤ 10,000 profiles, ≤ 5 MB, ≤ 100 KB per profile; one job per list).</summary>
    /// <param name="client">The bulk client.</param>
    /// <param name="requests">The profiles.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KlaviyoBatchResult<UpsertProfileRequest>> UpsertProfilesAsync(this IKlaviyoBulkClient client, IEnumerable<UpsertProfileRequest> requests, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync(client, requests, KlaviyoBatchItem.From, options, cancellationToken);

    /// <summary>Records events through bulk event create (≤ 1,000 events, ≤ 5 MB; events of one profile share an entry).</summary>
    /// <param name="client">The bulk client.</param>
    /// <param name="requests">The events.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KlaviyoBatchResult<TrackEventRequest>> TrackEventsAsync(this IKlaviyoBulkClient client, IEnumerable<TrackEventRequest> requests, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync(client, requests, KlaviyoBatchItem.From, options, cancellationToken);

    /// <summary>Records orders (order event plus one event per product) through bulk event create.</summary>
    /// <param name="client">The bulk client.</param>
    /// <param name="requests">The orders.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KlaviyoBatchResult<OrderCompletedRequest>> TrackOrdersCompletedAsync(this IKlaviyoBulkClient client, IEnumerable<OrderCompletedRequest> requests, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync(client, requests, KlaviyoBatchItem.From, options, cancellationToken);

    /// <summary>Subscribes profiles through bulk subscription jobs (≤ 1,000 per job; one job per list, source and historical flag).</summary>
    /// <param name="client">The bulk client.</param>
    /// <param name="requests">The subscriptions.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KlaviyoBatchResult<SubscribeProfileRequest>> SubscribeProfilesAsync(this IKlaviyoBulkClient client, IEnumerable<SubscribeProfileRequest> requests, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync(client, requests, KlaviyoBatchItem.From, options, cancellationToken);

    /// <summary>Unsubscribes profiles through bulk unsubscription jobs (≤ 100 per job; one job per list).</summary>
    /// <param name="client">The bulk client.</param>
    /// <param name="requests">The unsubscriptions.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KlaviyoBatchResult<UnsubscribeProfileRequest>> UnsubscribeProfilesAsync(this IKlaviyoBulkClient client, IEnumerable<UnsubscribeProfileRequest> requests, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync(client, requests, KlaviyoBatchItem.From, options, cancellationToken);

    /// <summary>Upserts profiles and adds them to lists through bulk profile import jobs with the list relationship (no id look-ups).</summary>
    /// <param name="client">The bulk client.</param>
    /// <param name="requests">The profiles and lists.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KlaviyoBatchResult<AddProfileToListRequest>> AddProfilesToListAsync(this IKlaviyoBulkClient client, IEnumerable<AddProfileToListRequest> requests, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync(client, requests, KlaviyoBatchItem.From, options, cancellationToken);

    /// <summary>Looks up profile ids and removes them from lists (≤ 1,000 ids per request; one request per list).</summary>
    /// <param name="client">The bulk client.</param>
    /// <param name="requests">The identifiers and lists.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KlaviyoBatchResult<RemoveProfileFromListRequest>> RemoveProfilesFromListAsync(this IKlaviyoBulkClient client, IEnumerable<RemoveProfileFromListRequest> requests, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync(client, requests, KlaviyoBatchItem.From, options, cancellationToken);

    /// <summary>Segment's Remove Profile in bulk: looks up profile ids and removes them from the chosen lists.</summary>
    /// <param name="client">The bulk client.</param>
    /// <param name="requests">The identifiers and lists.</param>
    /// <param name="options">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<KlaviyoBatchResult<RemoveProfileRequest>> RemoveProfilesAsync(this IKlaviyoBulkClient client, IEnumerable<RemoveProfileRequest> requests, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTypedAsync(client, requests, KlaviyoBatchItem.From, options, cancellationToken);

    private static async Task<KlaviyoBatchResult<TRequest>> SendTypedAsync<TRequest>(
        IKlaviyoBulkClient client,
        IEnumerable<TRequest> requests,
        Func<TRequest, KlaviyoBatchItem> wrap,
        KlaviyoBulkCallOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(requests);
        var list = requests as IReadOnlyList<TRequest> ?? [.. requests];
        var items = new KlaviyoBatchItem[list.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = list[i] is { } request ? wrap(request) : throw new ArgumentException($"Request {i} is null.", nameof(requests));
        }

        var result = await client.SendAsync(items, options, cancellationToken).ConfigureAwait(false);
        var outcomes = new KlaviyoItemOutcome[result.Count];
        for (int i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = result.Items[i].Outcome;
        }

        return new KlaviyoBatchResult<TRequest>(list, outcomes);
    }
}
