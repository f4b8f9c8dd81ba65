namespace Klaviyo.Actions.Batching;

/// <summary>
/// Sends many action requests through Klaviyo's bulk endpoints in the fewest requests Klaviyo allows, and
/// reports an outcome for every item, in input order. Typed helpers per action are in
/// <see cref="KlaviyoBulkClientExtensions"/>.
/// </summary>
public interface IKlaviyoBulkClient
{
    /// <summary>
    /// Validates the items, groups them by endpoint and list (and, for subscriptions, source and historical
    /// flag), splits the groups at Klaviyo's count and size limits and sends them.
    /// </summary>
    /// <param name="items">The items, of any action.</param>
    /// <param name="options">Per-call settings (job tracking); the client's options when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call; throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>One outcome per item, in input order.</returns>
    Task<KlaviyoBatchResult<KlaviyoBatchItem>> SendAsync(IEnumerable<KlaviyoBatchItem> items, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default);
}
