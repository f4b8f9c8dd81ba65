namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// The destination used when no <c>WebSample:MappingsFile</c> is configured: Segment's default mapping and trigger
/// for every action, each that Segment lets batch with <c>enable_batching</c> so messages go through the background queue
/// (Order Completed has no batch endpoint and is sent at once). One addition to Segment's defaults: Upsert Profile
/// maps <c>userId</c> to <c>external_id</c>, as Track Event and Order Completed already do, so an identify and the
/// tracks that follow land on one Klaviyo profile. Remove Profile stays disabled: it needs a list chosen in the mapping.
/// </summary>
internal static class DefaultMappings
{
    public const string Json = """
        {
          "settings": {},
          "mappings": [
            { "name": "Upsert Profile", "action": "upsertProfile", "useDefaults": true,
              "mapping": { "enable_batching": true, "external_id": { "@path": "$.userId" } } },
            { "name": "Track Event", "action": "trackEvent", "useDefaults": true, "mapping": { "enable_batching": true },
              "trigger": "type = \"track\" and event != \"Order Completed\" and event != \"Audience Entered\" and event != \"Audience Exited\" and event != \"User Subscribed\" and event != \"User Unsubscribed\"" },
            { "name": "Order Completed", "action": "orderCompleted" },
            { "name": "Subscribe Profile", "action": "subscribeProfile", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Unsubscribe Profile", "action": "unsubscribeProfile", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Add Profile to List (Engage)", "action": "addProfileToList", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Remove Profile from List (Engage)", "action": "removeProfileFromList", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Remove Profile", "action": "removeProfile", "enabled": false }
          ]
        }
        """;
}
