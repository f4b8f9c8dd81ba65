namespace Klaviyo.Actions;

/// <summary>
/// A client for Klaviyo's REST API shaped around Segment's "Klaviyo (Actions)" actions.
/// Implementations are thread-safe and meant to be long-lived.
/// </summary>
/// <remarks>
/// Every request is validated before anything is sent: invalid input throws
/// <see cref="KlaviyoValidationException"/> listing every failing field. A Klaviyo error answer throws
/// <see cref="KlaviyoApiException"/>.
/// </remarks>
public interface IKlaviyoClient
{
    /// <summary>
    /// Creates or updates a profile (<c>POST /api/profile-import</c>). A 409 <c>duplicate_profile</c>
    /// (identifiers on two profiles) falls back to updating the profile Klaviyo names. When
    /// <see cref="UpsertProfileRequest.ListId"/> is set the profile is then added to that list.
    /// </summary>
    /// <param name="request">The profile.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile id and whether it was created.</returns>
    Task<UpsertProfileResult> UpsertProfileAsync(UpsertProfileRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records an event (<c>POST /api/events</c>).</summary>
    /// <param name="request">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The <c>unique_id</c> sent.</returns>
    Task<TrackEventResult> TrackEventAsync(TrackEventRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records an order event and one product event per product (<c>POST /api/events</c>).</summary>
    /// <param name="request">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The <c>unique_id</c>s sent.</returns>
    Task<OrderCompletedResult> TrackOrderCompletedAsync(OrderCompletedRequest request, CancellationToken cancellationToken = default);

    /// <summary>Subscribes a profile (<c>POST /api/profile-subscription-bulk-create-jobs</c>).</summary>
    /// <param name="request">The subscription.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Klaviyo accepted the job (202).</returns>
    Task SubscribeProfileAsync(SubscribeProfileRequest request, CancellationToken cancellationToken = default);

    /// <summary>Unsubscribes a profile (<c>POST /api/profile-subscription-bulk-delete-jobs</c>).</summary>
    /// <param name="request">The unsubscription.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Klaviyo accepted the job (202).</returns>
    Task UnsubscribeProfileAsync(UnsubscribeProfileRequest request, CancellationToken cancellationToken = default);

    /// <summary>Upserts a profile and adds it to a list.</summary>
    /// <param name="request">The profile and list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The list and the profile id added.</returns>
    Task<ListMembershipResult> AddProfileToListAsync(AddProfileToListRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every profile matching the identifiers from a list (looked up across all result pages).
    /// </summary>
    /// <param name="request">The identifiers and list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile ids removed; empty when no profile matched (nothing is sent then).</returns>
    Task<ListMembershipResult> RemoveProfileFromListAsync(RemoveProfileFromListRequest request, CancellationToken cancellationToken = default);

    /// <summary>Segment's Remove Profile: removes the matching profiles from the chosen list.</summary>
    /// <param name="request">The identifiers and list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile ids removed; empty when no profile matched.</returns>
    Task<ListMembershipResult> RemoveProfileAsync(RemoveProfileRequest request, CancellationToken cancellationToken = default);

    /// <summary>Validates the API key by reading the account it belongs to (<c>GET /api/accounts</c>, 15 calls a minute).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account.</returns>
    Task<KlaviyoAccount> GetAccountAsync(CancellationToken cancellationToken = default);

    /// <summary>Requests a data-privacy deletion (<c>POST /api/data-privacy-deletion-jobs</c>).</summary>
    /// <param name="request">Exactly one identifier.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Klaviyo accepted the job (202).</returns>
    Task RequestProfileDeletionAsync(ProfileDeletionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates a list (<c>POST /api/lists</c>; Klaviyo allows 150 a day).</summary>
    /// <param name="name">The list name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new list.</returns>
    Task<KlaviyoList> CreateListAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reads a list (<c>GET /api/lists/{id}</c>).</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The list; a missing list throws <see cref="KlaviyoApiException"/> with status 404.</returns>
    Task<KlaviyoList> GetListAsync(string listId, CancellationToken cancellationToken = default);

    /// <summary>Finds every list with exactly this name, following all result pages.</summary>
    /// <param name="name">The list name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching lists (names are not unique in Klaviyo).</returns>
    Task<IReadOnlyList<KlaviyoList>> FindListsByNameAsync(string name, CancellationToken cancellationToken = default);
}
