namespace Klaviyo.Actions.Api;

/// <summary>Turns a collection's absolute <c>links.next</c> into the relative path and query the transport sends.</summary>
internal static class KlaviyoPaging
{
    private const string ApiSegment = "/api/";

    /// <summary>
    /// <c>https://a.klaviyo.com/api/profiles?page%5Bcursor%5D=x</c> → <c>api/profiles?page%5Bcursor%5D=x</c>.
    /// Everything before the <c>/api/</c> segment (host, or a proxy's prefix) is dropped so the request goes to
    /// the configured base address; the query is kept exactly as Klaviyo encoded it.
    /// </summary>
    /// <param name="next">The next link; <see langword="null"/> or empty on the last page.</param>
    /// <returns>The relative path and query, or <see langword="null"/> when there is no next page.</returns>
    public static string? NextPath(string? next)
    {
        if (string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        // Only http(s) links are absolute here: on Unix "/api/…" would otherwise parse as a file URI.
        string pathAndQuery = Uri.TryCreate(next, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.PathAndQuery
            : next;
        int api = pathAndQuery.IndexOf(ApiSegment, StringComparison.Ordinal);
        if (api >= 0)
        {
            return pathAndQuery[(api + 1)..];
        }

        return pathAndQuery.TrimStart('/');
    }
}
