namespace Klaviyo.Actions.ConsoleApp.Delivery;

/// <summary>
/// The destination used when no <c>--mappings</c> file is given: one mapping per action with Segment's default
/// field mapping and trigger (as fixed in this SDK, see README "Differences from Segment").
/// </summary>
internal static class BuiltInMappings
{
    /// <summary>
    /// Remove Profile is disabled: it needs a list chosen in the mapping (Segment's list picker). Enable it in a
    /// mappings file with a <c>list_id</c>.
    /// </summary>
    public const string Json = """
        {
          "settings": {},
          "mappings": [
            { "name": "Upsert Profile", "action": "upsertProfile" },
            { "name": "Track Event", "action": "trackEvent", "trigger": "type = \"track\" and event != \"Order Completed\" and event != \"Audience Entered\" and event != \"Audience Exited\" and event != \"User Subscribed\" and event != \"User Unsubscribed\"" },
            { "name": "Order Completed", "action": "orderCompleted" },
            { "name": "Subscribe Profile", "action": "subscribeProfile" },
            { "name": "Unsubscribe Profile", "action": "unsubscribeProfile" },
            { "name": "Add Profile to List (Engage)", "action": "addProfileToList" },
            { "name": "Remove Profile from List (Engage)", "action": "removeProfileFromList" },
            { "name": "Remove Profile", "action": "removeProfile", "enabled": false }
          ]
        }
        """;
}
