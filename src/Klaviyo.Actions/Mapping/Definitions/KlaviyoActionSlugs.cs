namespace Klaviyo.Actions.Mapping;

/// <summary>Segment's action slugs for the Klaviyo (Actions) destination, used as <c>action</c> in mappings.</summary>
public static class KlaviyoActionSlugs
{
    /// <summary>Upsert Profile.</summary>
    public const string UpsertProfile = "upsertProfile";

    /// <summary>Track Event.</summary>
    public const string TrackEvent = "trackEvent";

    /// <summary>Order Completed.</summary>
    public const string OrderCompleted = "orderCompleted";

    /// <summary>Subscribe Profile.</summary>
    public const string SubscribeProfile = "subscribeProfile";

    /// <summary>Unsubscribe Profile.</summary>
    public const string UnsubscribeProfile = "unsubscribeProfile";

    /// <summary>Add Profile to List (Engage).</summary>
    public const string AddProfileToList = "addProfileToList";

    /// <summary>Remove Profile from List (Engage).</summary>
    public const string RemoveProfileFromList = "removeProfileFromList";

    /// <summary>Remove Profile (removes from a chosen list; does not delete).</summary>
    public const string RemoveProfile = "removeProfile";
}
