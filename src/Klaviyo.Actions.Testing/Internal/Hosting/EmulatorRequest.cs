using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>A Klaviyo request that passed the common checks, with its parsed body.</summary>
internal sealed class EmulatorRequest(HttpContext http, DateTimeOffset now, JsonElement? body, Uri baseAddress)
{
    public HttpContext Http { get; } = http;

    /// <summary>The emulator's time when the request is handled.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The root of the JSON body, or <see langword="null"/> when none was sent.</summary>
    public JsonElement? Body { get; } = body;

    /// <summary>The emulator's base address, ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    public IQueryCollection Query => Http.Request.Query;

    /// <summary>The <c>{id}</c> route value.</summary>
    public string RouteId => Http.Request.RouteValues.TryGetValue("id", out var id) && id is string text ? text : "";

    /// <summary>Absolute URL of a path on the emulator, for <c>links</c>.</summary>
    public string Url(string path) => BaseAddress.AbsoluteUri + path.TrimStart('/');
}
