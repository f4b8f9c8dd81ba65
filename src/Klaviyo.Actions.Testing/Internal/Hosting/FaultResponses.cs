using System.Globalization;
using System.Text;
using Klaviyo.Actions.Testing.Internal.JsonApi;

namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>The answers of injected faults: throttling, server errors and Cloudflare-like HTML pages.</summary>
internal static class FaultResponses
{
    public static EmulatorResponse Throttled(TimeSpan retryAfter)
    {
        int seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        return EmulatorResponse.Error(ApiErrors.Throttled(seconds))
            .WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>500 and 503 come from Klaviyo as JSON:API errors; gateway errors come from Cloudflare as HTML.</summary>
    public static EmulatorResponse ServerError(int status) => status is 500 or 503
        ? EmulatorResponse.Error(ApiErrors.ServerError(status))
        : EmulatorResponse.Html(status, Page(status, "Bad gateway", "The web server reported a gateway error."))
            .WithHeader("server", "cloudflare");

    public static EmulatorResponse HtmlError(int status) =>
        EmulatorResponse.Html(status, Page(status, "Attention Required!", "Sorry, you have been blocked. This request was flagged by the security service."))
            .WithHeader("server", "cloudflare")
            .WithHeader("cf-mitigated", "challenge");

    private static byte[] Page(int status, string title, string message) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"""
        <!DOCTYPE html>
        <html lang="en-US">
        <head><title>{title} | Cloudflare</title><meta charset="UTF-8"></head>
        <body>
        <h1>Error {status}</h1>
        <p>{message}</p>
        <p>Cloudflare Ray ID: emulated</p>
        </body>
        </html>
        """));
}
