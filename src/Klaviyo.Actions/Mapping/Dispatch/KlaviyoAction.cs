using Klaviyo.Actions.Batching;

using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// One Klaviyo action request of any kind, tagged with its Segment slug. A closed set: one subtype per
/// action (<see cref="UpsertProfileAction"/>, <see cref="TrackEventAction"/>, ...), so code can switch over it
/// exhaustively. Mapping produces these; dispatchers (direct or batching) consume them.
/// </summary>
public abstract class KlaviyoAction
{
    private protected KlaviyoAction()
    {
    }

    /// <summary>The Segment action slug, e.g. <c>upsertProfile</c>.</summary>
    public abstract string Slug { get; }

    /// <summary>The typed request (e.g. an <see cref="UpsertProfileRequest"/>).</summary>
    public abstract object GetRequest();

    /// <summary>Sends the request through the single-call API of a client.</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The client's result (<see cref="UpsertProfileResult"/>, <see cref="TrackEventResult"/>,
    /// <see cref="OrderCompletedResult"/>, <see cref="ListMembershipResult"/>), or <see langword="null"/> for
    /// subscribe/unsubscribe, which return nothing.</returns>
    public abstract Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether this action is the normalized result of <see cref="Validate"/> (its request passed every rule), so a
    /// dispatcher need not check it again.
    /// </summary>
    internal bool IsValidated { get; private set; }

    /// <summary>Validates the request; the normalized action when valid.</summary>
    internal abstract KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors);

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoAction From(UpsertProfileRequest request) => new UpsertProfileAction(request);

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoAction From(TrackEventRequest request) => new TrackEventAction(request);

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoAction From(OrderCompletedRequest request) => new OrderCompletedAction(request);

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoAction From(SubscribeProfileRequest request) => new SubscribeProfileAction(request);

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoAction From(UnsubscribeProfileRequest request) => new UnsubscribeProfileAction(request);

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoAction From(AddProfileToListRequest request) => new AddProfileToListAction(request);

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoAction From(RemoveProfileFromListRequest request) => new RemoveProfileFromListAction(request);

    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoAction From(RemoveProfileRequest request) => new RemoveProfileAction(request);

    /// <summary>The validated request as a delivery item (not validated again).</summary>
    internal KlaviyoBatchItem ToDeliveryItem()
    {
        var item = KlaviyoBatchItem.FromRequest(GetRequest());
        item.IsValidated = IsValidated;
        return item;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Slug}: {GetRequest()}";

    /// <summary>
    /// The validated action: this one when validation changed nothing (the normalized request is the same instance),
    /// otherwise a new one over the normalized request; <see langword="null"/> when invalid.
    /// </summary>
    private protected KlaviyoAction? Check<TRequest>(
        ValidationResult<TRequest> result,
        TRequest current,
        Func<TRequest, KlaviyoAction> wrap,
        out IReadOnlyList<KlaviyoValidationError> errors)
        where TRequest : class
    {
        errors = result.Errors;
        if (!result.IsValid || result.Normalized is not { } normalized)
        {
            return null;
        }

        var action = ReferenceEquals(normalized, current) ? this : wrap(normalized);
        action.IsValidated = true;
        return action;
    }
}

/// <summary>Upsert Profile (<c>upsertProfile</c>).</summary>
public sealed class UpsertProfileAction : KlaviyoAction
{
    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public UpsertProfileAction(UpsertProfileRequest request) => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>The request.</summary>
    public UpsertProfileRequest Request { get; }

    /// <inheritdoc />
    public override string Slug => KlaviyoActionSlugs.UpsertProfile;

    /// <inheritdoc />
    public override object GetRequest() => Request;

    /// <inheritdoc />
    public override async Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.UpsertProfileAsync(Request, cancellationToken).ConfigureAwait(false);
    }

    internal override KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors) =>
        Check(KlaviyoRequestValidator.Validate(Request, timeProvider), Request, r => new UpsertProfileAction(r), out errors);
}

/// <summary>Track Event (<c>trackEvent</c>).</summary>
public sealed class TrackEventAction : KlaviyoAction
{
    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public TrackEventAction(TrackEventRequest request) => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>The request.</summary>
    public TrackEventRequest Request { get; }

    /// <inheritdoc />
    public override string Slug => KlaviyoActionSlugs.TrackEvent;

    /// <inheritdoc />
    public override object GetRequest() => Request;

    /// <inheritdoc />
    public override async Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.TrackEventAsync(Request, cancellationToken).ConfigureAwait(false);
    }

    internal override KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors) =>
        Check(KlaviyoRequestValidator.Validate(Request, timeProvider), Request, r => new TrackEventAction(r), out errors);
}

/// <summary>Order Completed (<c>orderCompleted</c>).</summary>
public sealed class OrderCompletedAction : KlaviyoAction
{
    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public OrderCompletedAction(OrderCompletedRequest request) => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>The request.</summary>
    public OrderCompletedRequest Request { get; }

    /// <inheritdoc />
    public override string Slug => KlaviyoActionSlugs.OrderCompleted;

    /// <inheritdoc />
    public override object GetRequest() => Request;

    /// <inheritdoc />
    public override async Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.TrackOrderCompletedAsync(Request, cancellationToken).ConfigureAwait(false);
    }

    internal override KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors) =>
        Check(KlaviyoRequestValidator.Validate(Request, timeProvider), Request, r => new OrderCompletedAction(r), out errors);
}

/// <summary>Subscribe Profile (<c>subscribeProfile</c>).</summary>
public sealed class SubscribeProfileAction : KlaviyoAction
{
    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public SubscribeProfileAction(SubscribeProfileRequest request) => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>The request.</summary>
    public SubscribeProfileRequest Request { get; }

    /// <inheritdoc />
    public override string Slug => KlaviyoActionSlugs.SubscribeProfile;

    /// <inheritdoc />
    public override object GetRequest() => Request;

    /// <inheritdoc />
    public override async Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.SubscribeProfileAsync(Request, cancellationToken).ConfigureAwait(false);
        return null;
    }

    internal override KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors) =>
        Check(KlaviyoRequestValidator.Validate(Request, timeProvider), Request, r => new SubscribeProfileAction(r), out errors);
}

/// <summary>Unsubscribe Profile (<c>unsubscribeProfile</c>).</summary>
public sealed class UnsubscribeProfileAction : KlaviyoAction
{
    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public UnsubscribeProfileAction(UnsubscribeProfileRequest request) => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>The request.</summary>
    public UnsubscribeProfileRequest Request { get; }

    /// <inheritdoc />
    public override string Slug => KlaviyoActionSlugs.UnsubscribeProfile;

    /// <inheritdoc />
    public override object GetRequest() => Request;

    /// <inheritdoc />
    public override async Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.UnsubscribeProfileAsync(Request, cancellationToken).ConfigureAwait(false);
        return null;
    }

    internal override KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors) =>
        Check(KlaviyoRequestValidator.Validate(Request, timeProvider), Request, r => new UnsubscribeProfileAction(r), out errors);
}

/// <summary>Add Profile to List (<c>addProfileToList</c>).</summary>
public sealed class AddProfileToListAction : KlaviyoAction
{
    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public AddProfileToListAction(AddProfileToListRequest request) => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>The request.</summary>
    public AddProfileToListRequest Request { get; }

    /// <inheritdoc />
    public override string Slug => KlaviyoActionSlugs.AddProfileToList;

    /// <inheritdoc />
    public override object GetRequest() => Request;

    /// <inheritdoc />
    public override async Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.AddProfileToListAsync(Request, cancellationToken).ConfigureAwait(false);
    }

    internal override KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors) =>
        Check(KlaviyoRequestValidator.Validate(Request, timeProvider), Request, r => new AddProfileToListAction(r), out errors);
}

/// <summary>Remove Profile from List (<c>removeProfileFromList</c>).</summary>
public sealed class RemoveProfileFromListAction : KlaviyoAction
{
    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public RemoveProfileFromListAction(RemoveProfileFromListRequest request) => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>The request.</summary>
    public RemoveProfileFromListRequest Request { get; }

    /// <inheritdoc />
    public override string Slug => KlaviyoActionSlugs.RemoveProfileFromList;

    /// <inheritdoc />
    public override object GetRequest() => Request;

    /// <inheritdoc />
    public override async Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.RemoveProfileFromListAsync(Request, cancellationToken).ConfigureAwait(false);
    }

    internal override KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors) =>
        Check(KlaviyoRequestValidator.Validate(Request, timeProvider), Request, r => new RemoveProfileFromListAction(r), out errors);
}

/// <summary>Remove Profile (<c>removeProfile</c>): removal from a chosen list.</summary>
public sealed class RemoveProfileAction : KlaviyoAction
{
    /// <summary>Wraps a request.</summary>
    /// <param name="request">The request.</param>
    public RemoveProfileAction(RemoveProfileRequest request) => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>The request.</summary>
    public RemoveProfileRequest Request { get; }

    /// <inheritdoc />
    public override string Slug => KlaviyoActionSlugs.RemoveProfile;

    /// <inheritdoc />
    public override object GetRequest() => Request;

    /// <inheritdoc />
    public override async Task<object?> SendAsync(IKlaviyoClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.RemoveProfileAsync(Request, cancellationToken).ConfigureAwait(false);
    }

    internal override KlaviyoAction? Validate(TimeProvider? timeProvider, out IReadOnlyList<KlaviyoValidationError> errors) =>
        Check(KlaviyoRequestValidator.Validate(Request, timeProvider), Request, r => new RemoveProfileAction(r), out errors);
}
