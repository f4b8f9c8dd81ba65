using System.Net;

namespace Klaviyo.Actions.Sync.Tests.Infrastructure;

/// <summary>Klaviyo error answers as the client would throw them.</summary>
public static class KlaviyoErrors
{
    public static KlaviyoApiException Status(HttpStatusCode status, string code, string detail = "error detail", TimeSpan? retryAfter = null, string path = "/api/profile-bulk-import-jobs") =>
        new(status, "POST", path, [new KlaviyoError { Id = "req-" + (int)status, Status = (int)status, Code = code, Title = "Error", Detail = detail }], retryAfter);

    public static KlaviyoApiException Unauthorized() => Status(HttpStatusCode.Unauthorized, "not_authenticated", "Missing or invalid private key.", path: "/api/lists/AbCdEf");

    public static KlaviyoApiException Forbidden() => Status(HttpStatusCode.Forbidden, "permission_denied", "Key lacks lists:write.");

    public static KlaviyoApiException ListNotFound() => Status(HttpStatusCode.NotFound, "not_found", "A list with id AbCdEf was not found.", path: "/api/lists/AbCdEf");

    public static KlaviyoApiException RateLimited() => Status(HttpStatusCode.TooManyRequests, "throttled", "Request was throttled.", TimeSpan.FromSeconds(30));

    public static KlaviyoApiException ServerError() => Status(HttpStatusCode.ServiceUnavailable, "service_unavailable", "Try later.");
}
