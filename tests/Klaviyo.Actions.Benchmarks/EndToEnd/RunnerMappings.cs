namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// The destination of the runner: the console's built-in mappings (Segment's default field mappings and triggers),
/// with <c>enable_batching</c> turned on for every action Klaviyo can batch (Order Completed cannot): runs (m) and
/// (a). Run (b) uses <see cref="UnbatchedJson"/>, the same mappings with <c>enable_batching</c> off, so the queue sends
/// every action on its own.
/// </summary>
internal static class RunnerMappings
{
    public const string Json = """
        {
          "settings": {},
          "mappings": [
            { "name": "Upsert Profile", "action": "upsertProfile", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Track Event", "action": "trackEvent", "trigger": "type = \"track\" and event != \"Order Completed\" and event != \"Audience Entered\" and event != \"Audience Exited\" and event != \"User Subscribed\" and event != \"User Unsubscribed\"", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Order Completed", "action": "orderCompleted" },
            { "name": "Subscribe Profile", "action": "subscribeProfile", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Unsubscribe Profile", "action": "unsubscribeProfile", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Add Profile to List (Engage)", "action": "addProfileToList", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Remove Profile from List (Engage)", "action": "removeProfileFromList", "useDefaults": true, "mapping": { "enable_batching": true } }
          ]
        }
        """;

    /// <summary>The same mappings with <c>enable_batching</c> off (run (b)).</summary>
    public static readonly string UnbatchedJson = Json.Replace("\"enable_batching\": true", "\"enable_batching\": false", StringComparison.Ordinal);
}
