using Klaviyo.Actions.Testing.Internal.Hosting;
using Microsoft.AspNetCore.Http;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Builds collection <c>links</c>: absolute URLs on the emulator's base address.</summary>
internal static class PageLinks
{
    public static string Self(EmulatorRequest request) =>
        request.Url(request.Http.Request.Path.Value ?? "/") + (request.Http.Request.QueryString.Value ?? "");

    /// <summary>The current URL with <c>page[cursor]</c> replaced.</summary>
    public static string WithCursor(EmulatorRequest request, string cursor)
    {
        var parameters = request.Query
            .Where(pair => pair.Key != "page[cursor]")
            .Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value.ToString()))
            .Append(new KeyValuePair<string, string?>("page[cursor]", cursor));
        return request.Url(request.Http.Request.Path.Value ?? "/") + QueryString.Create(parameters).Value;
    }
}
