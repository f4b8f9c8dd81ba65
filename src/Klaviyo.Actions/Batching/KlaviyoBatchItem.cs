namespace Klaviyo.Actions.Batching;

/// <summary>
/// One action request of any of the eight batchable kinds, for bulk calls and the background queue.
/// Every request type converts to it implicitly, so <c>batcher.EnqueueAsync(new TrackEventRequest { … })</c> works.
/// </summary>
public sealed class KlaviyoBatchItem
{
    private KlaviyoBatchItem(KlaviyoBatchAction action, object request)
    {
        Action = action;
        Request = request;
    }

    /// <summary>The kind of action.</summary>
    public KlaviyoBatchAction Action { get; }

    /// <summary>The request: one of the eight action request records, as given.</summary>
    public object Request { get; }

    /// <summary>
    /// Set by the SDK when the request is already the normalized result of the same validation the bulk engine
    /// runs (a destination's validated action), so it is not validated a second time.
    /// </summary>
    internal bool IsValidated { get; set; }

    /// <summary>Segment's name of the action, e.g. <c>trackEvent</c>; used in outcomes and telemetry.</summary>
    public string ActionName => NameOf(Action);

    /// <summary>Wraps an Upsert Profile request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoBatchItem From(UpsertProfileRequest request) => new(KlaviyoBatchAction.UpsertProfile, NotNull(request));

    /// <summary>Wraps a Track Event request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoBatchItem From(TrackEventRequest request) => new(KlaviyoBatchAction.TrackEvent, NotNull(request));

    /// <summary>Wraps an Order Completed request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoBatchItem From(OrderCompletedRequest request) => new(KlaviyoBatchAction.OrderCompleted, NotNull(request));

    /// <summary>Wraps a Subscribe Profile request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoBatchItem From(SubscribeProfileRequest request) => new(KlaviyoBatchAction.SubscribeProfile, NotNull(request));

    /// <summary>Wraps an Unsubscribe Profile request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoBatchItem From(UnsubscribeProfileRequest request) => new(KlaviyoBatchAction.UnsubscribeProfile, NotNull(request));

    /// <summary>Wraps an Add Profile to List request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoBatchItem From(AddProfileToListRequest request) => new(KlaviyoBatchAction.AddProfileToList, NotNull(request));

    /// <summary>Wraps a Remove Profile from List request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoBatchItem From(RemoveProfileFromListRequest request) => new(KlaviyoBatchAction.RemoveProfileFromList, NotNull(request));

    /// <summary>Wraps a Remove Profile request.</summary>
    /// <param name="request">The request.</param>
    public static KlaviyoBatchItem From(RemoveProfileRequest request) => new(KlaviyoBatchAction.RemoveProfile, NotNull(request));

    /// <summary>Wraps an Upsert Profile request.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator KlaviyoBatchItem(UpsertProfileRequest request) => From(request);

    /// <summary>Wraps a Track Event request.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator KlaviyoBatchItem(TrackEventRequest request) => From(request);

    /// <summary>Wraps an Order Completed request.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator KlaviyoBatchItem(OrderCompletedRequest request) => From(request);

    /// <summary>Wraps a Subscribe Profile request.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator KlaviyoBatchItem(SubscribeProfileRequest request) => From(request);

    /// <summary>Wraps an Unsubscribe Profile request.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator KlaviyoBatchItem(UnsubscribeProfileRequest request) => From(request);

    /// <summary>Wraps an Add Profile to List request.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator KlaviyoBatchItem(AddProfileToListRequest request) => From(request);

    /// <summary>Wraps a Remove Profile from List request.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator KlaviyoBatchItem(RemoveProfileFromListRequest request) => From(request);

    /// <summary>Wraps a Remove Profile request.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator KlaviyoBatchItem(RemoveProfileRequest request) => From(request);

    /// <summary>Segment's name of an action, e.g. <c>upsertProfile</c>.</summary>
    /// <param name="action">The action.</param>
    public static string NameOf(KlaviyoBatchAction action) => action switch
    {
        KlaviyoBatchAction.UpsertProfile => "upsertProfile",
        KlaviyoBatchAction.TrackEvent => "trackEvent",
        KlaviyoBatchAction.OrderCompleted => "orderCompleted",
        KlaviyoBatchAction.SubscribeProfile => "subscribeProfile",
        KlaviyoBatchAction.UnsubscribeProfile => "unsubscribeProfile",
        KlaviyoBatchAction.AddProfileToList => "addProfileToList",
        KlaviyoBatchAction.RemoveProfileFromList => "removeProfileFromList",
        KlaviyoBatchAction.RemoveProfile => "removeProfile",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown Klaviyo batch action."),
    };

    /// <summary>Wraps a request whose type is only known at run time (one of the eight action request records).</summary>
    /// <param name="request">The request.</param>
    /// <exception cref="ArgumentException">The object is not an action request.</exception>
    public static KlaviyoBatchItem FromRequest(object request) => request switch
    {
        null => throw new ArgumentNullException(nameof(request)),
        KlaviyoBatchItem item => item,
        UpsertProfileRequest r => From(r),
        TrackEventRequest r => From(r),
        OrderCompletedRequest r => From(r),
        SubscribeProfileRequest r => From(r),
        UnsubscribeProfileRequest r => From(r),
        AddProfileToListRequest r => From(r),
        RemoveProfileFromListRequest r => From(r),
        RemoveProfileRequest r => From(r),
        _ => throw new ArgumentException($"{request.GetType().Name} is not a batchable Klaviyo action request.", nameof(request)),
    };

    /// <summary>Describes the request with personal data masked.</summary>
    public override string ToString() => Request.ToString() ?? ActionName;

    private static T NotNull<T>(T request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return request;
    }
}
