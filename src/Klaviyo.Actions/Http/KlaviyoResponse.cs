using System.Net;

namespace Klaviyo.Actions.Http;

/// <summary>A successful Klaviyo response, fully buffered.</summary>
/// <param name="StatusCode">The 2xx status.</param>
/// <param name="Body">The body bytes (empty for 202/204).</param>
internal sealed record KlaviyoResponse(HttpStatusCode StatusCode, byte[] Body);
