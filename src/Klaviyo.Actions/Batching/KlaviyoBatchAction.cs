namespace Klaviyo.Actions.Batching;

/// <summary>The action a <see cref="KlaviyoBatchItem"/> carries (Segment's Klaviyo (Actions) actions).</summary>
public enum KlaviyoBatchAction
{
    /// <summary><see cref="UpsertProfileRequest"/>, sent through a bulk profile import job.</summary>
    UpsertProfile,

    /// <summary><see cref="TrackEventRequest"/>, sent through bulk event create.</summary>
    TrackEvent,

    /// <summary><see cref="OrderCompletedRequest"/>: the order event and one event per product, sent through bulk event create.</summary>
    OrderCompleted,

    /// <summary><see cref="SubscribeProfileRequest"/>, sent through a bulk subscription job.</summary>
    SubscribeProfile,

    /// <summary><see cref="UnsubscribeProfileRequest"/>, sent through a bulk unsubscription job.</summary>
    UnsubscribeProfile,

    /// <summary><see cref="AddProfileToListRequest"/>, sent through a bulk profile import job with the list relationship.</summary>
    AddProfileToList,

    /// <summary><see cref="RemoveProfileFromListRequest"/>: profile ids looked up, then removed from the list.</summary>
    RemoveProfileFromList,

    /// <summary><see cref="RemoveProfileRequest"/>: profile ids looked up, then removed from the list.</summary>
    RemoveProfile,
}
