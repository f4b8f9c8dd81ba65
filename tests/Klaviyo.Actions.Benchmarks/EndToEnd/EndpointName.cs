namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>Names an endpoint <c>METHOD /path</c> with resource ids replaced by <c>{id}</c>.</summary>
internal static class EndpointName
{
    public static string Of(string method, string absolutePath)
    {
        string[] segments = absolutePath.Trim('/').Split('/');
        for (int i = 1; i < segments.Length; i++)
        {
            if (segments[i - 1] is "lists" or "profiles" or "profile-bulk-import-jobs" or "events")
            {
                segments[i] = "{id}";
            }
        }

        return $"{method} /{string.Join('/', segments)}";
    }
}
