namespace Klaviyo.Actions.Operations;

/// <summary>
/// Names of the client's calls as used for validation messages and activities: Segment's action slugs,
/// or Segment's destination-level hook names where one exists.
/// </summary>
internal static class ActionNames
{
    public const string UpsertProfile = "upsertProfile";
    public const string TrackEvent = "trackEvent";
    public const string OrderCompleted = "orderCompleted";
    public const string SubscribeProfile = "subscribeProfile";
    public const string UnsubscribeProfile = "unsubscribeProfile";
    public const string AddProfileToList = "addProfileToList";
    public const string RemoveProfileFromList = "removeProfileFromList";
    public const string RemoveProfile = "removeProfile";
    public const string TestAuthentication = "testAuthentication";
    public const string OnDelete = "onDelete";
    public const string CreateList = "createList";
    public const string GetList = "getList";
    public const string FindListsByName = "findListsByName";
    public const string GetUpdatedProfiles = "getUpdatedProfiles";
    public const string GetEvents = "getEvents";
    public const string GetMetrics = "getMetrics";
}
