namespace Klaviyo.Actions.Tests.Client.Support;

/// <summary>Real-shaped Klaviyo response bodies.</summary>
public static class KlaviyoBodies
{
    public static string Profile(string id) => $$$"""{"data":{"type":"profile","id":"{{{id}}}","attributes":{},"links":{"self":"https://a.klaviyo.com/api/profiles/{{{id}}}"} } }""";

    public const string DuplicateProfile409 = """
        {"errors":[{"id":"bf03176f-c362-4731-8c90-3f5da9c30fc7","status":409,"code":"duplicate_profile","title":"Conflict.",
        "detail":"A profile already exists with one of these identifiers.","source":{"pointer":"/data/attributes"},"links":{},
        "meta":{"duplicate_profile_id":"01DUPLICATEPROFILE"}}]}
        """;

    public const string Conflict409WithoutId = """
        {"errors":[{"id":"c1","status":409,"code":"conflict","title":"Conflict.","detail":"Conflict.","source":{"pointer":"/data"},"meta":{}}]}
        """;

    public const string Throttled429 = """
        {"errors":[{"id":"8c8f4aea-7289-4a13-b697-5dd5dde38f1e","status":429,"code":"throttled","title":"Request was throttled.",
        "detail":"Request was throttled. Expected available in 1 second.","source":{"pointer":"/data"},
        "links":{"type":"https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling#rate-limits"},"meta":{}}]}
        """;

    public const string Invalid400 = """
        {"errors":[{"id":"2c76424d-b1ff-4afd-a2a1-728d85dac775","status":400,"code":"invalid","title":"Invalid input.",
        "detail":"Phone number is valid but is not in a supported region for this account.",
        "source":{"pointer":"/data/attributes/phone_number"},"meta":{}}]}
        """;

    public const string ServerError500 = """
        {"errors":[{"id":"e500","status":500,"code":"error","title":"A server error occurred.","detail":"A server error occurred.","source":{"pointer":"/data"}}]}
        """;

    /// <summary>A page of <c>GET /api/profiles</c> with the given ids and optional next link.</summary>
    public static string ProfilePage(IEnumerable<string> ids, string? next = null)
    {
        string data = string.Join(",", ids.Select(id => $$$"""{"type":"profile","id":"{{{id}}}","attributes":{"email":null}}"""));
        string nextJson = next is null ? "null" : $"\"{next}\"";
        return $$$"""{"data":[{{{data}}}],"links":{"self":"https://a.klaviyo.com/api/profiles","next":{{{nextJson}}},"prev":null}}""";
    }

    /// <summary>A page of <c>GET /api/lists</c>.</summary>
    public static string ListPage(IEnumerable<(string Id, string Name)> lists, string? next = null)
    {
        string data = string.Join(",", lists.Select(l => $$$"""{"type":"list","id":"{{{l.Id}}}","attributes":{"name":"{{{l.Name}}}","opt_in_process":"single_opt_in"}}"""));
        string nextJson = next is null ? "null" : $"\"{next}\"";
        return $$$"""{"data":[{{{data}}}],"links":{"self":"https://a.klaviyo.com/api/lists","next":{{{nextJson}}},"prev":null}}""";
    }
}
