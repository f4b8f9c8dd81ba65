using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions;

public partial class KlaviyoClient
{
    /// <summary>Whether the client can send requests itself (not a mocking-framework instance without a transport).</summary>
    internal bool HasTransport => _transport is not null;

    /// <summary>
    /// <c>DELETE /api/lists/{id}/relationships/profiles</c> for known profile ids, 1,000 ids per call, without a
    /// look-up (list sync keeps the ids Klaviyo reported). Profiles are not deleted.
    /// </summary>
    /// <param name="listId">The list id.</param>
    /// <param name="profileIds">The profile ids.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when every chunk was accepted.</returns>
    /// <exception cref="KlaviyoApiException">Klaviyo refused a chunk (after retries); earlier chunks stay removed.</exception>
    internal Task RemoveProfileIdsFromListAsync(string listId, IReadOnlyList<string> profileIds, CancellationToken cancellationToken) =>
        _transport is null
            ? throw new InvalidOperationException("This KlaviyoClient was created without a transport (for mocking); it cannot send requests.")
            : ChangeListMembershipAsync(KlaviyoOperation.RemoveProfilesFromList, HttpMethod.Delete, listId, profileIds, ActionNames.RemoveProfileFromList, cancellationToken);
}
