namespace Klaviyo.Actions.Batching;

/// <summary>
/// Resolves identifiers to Klaviyo profile ids (<c>GET /api/profiles?filter=any(…)</c>, all pages), for list
/// removals. Implemented over the client's reusable look-up.
/// </summary>
internal interface IProfileIdLookup
{
    /// <summary>
    /// Finds, for each identity, the ids of every profile matching any of its identifiers (external id, email,
    /// phone), as Segment's remove actions do.
    /// </summary>
    /// <param name="identities">The identities (normalized).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>One list per identity, in the same order; empty when nothing matched.</returns>
    /// <exception cref="KlaviyoApiException">Klaviyo answered with an error (after retries).</exception>
    Task<IReadOnlyList<IReadOnlyList<string>>> FindProfileIdsAsync(IReadOnlyList<IProfileIdentity> identities, CancellationToken cancellationToken);
}
