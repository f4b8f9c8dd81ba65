namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>
/// Which header values IHttpClientFactory's trace logging may show for Klaviyo clients: an allow-list of
/// headers that help support (revision, media types, rate limits, request ids); everything else — above all
/// <c>Authorization: Klaviyo-API-Key pk_…</c> — is logged as <c>*</c>.
/// </summary>
internal static class LoggedHeaders
{
    private static readonly HashSet<string> Visible = new(StringComparer.OrdinalIgnoreCase)
    {
        "revision",
        "Accept",
        "Content-Type",
        "Content-Length",
        "Retry-After",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "X-Request-Id",
        "X-Klaviyo-Request-Id",
        "CF-RAY",
        "Date",
    };

    public static bool ShouldRedact(string headerName) => !Visible.Contains(headerName);
}
