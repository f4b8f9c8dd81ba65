namespace Klaviyo.Actions;

// CONTRACT STUB: the core-client work item replaces this file with the real operations.
public partial class KlaviyoClient
{
    /// <inheritdoc />
    public virtual Task<UpsertProfileResult> UpsertProfileAsync(UpsertProfileRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<TrackEventResult> TrackEventAsync(TrackEventRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<OrderCompletedResult> TrackOrderCompletedAsync(OrderCompletedRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task SubscribeProfileAsync(SubscribeProfileRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task UnsubscribeProfileAsync(UnsubscribeProfileRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<ListMembershipResult> AddProfileToListAsync(AddProfileToListRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<ListMembershipResult> RemoveProfileFromListAsync(RemoveProfileFromListRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<ListMembershipResult> RemoveProfileAsync(RemoveProfileRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<KlaviyoAccount> GetAccountAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task RequestProfileDeletionAsync(ProfileDeletionRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<KlaviyoList> CreateListAsync(string name, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<KlaviyoList> GetListAsync(string listId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<KlaviyoList>> FindListsByNameAsync(string name, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
