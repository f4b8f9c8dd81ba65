using System.Globalization;

namespace Klaviyo.Actions.Testing.Internal.JsonApi;

/// <summary>The error objects the emulator answers with, worded after Klaviyo's observed bodies.</summary>
internal static class ApiErrors
{
    private const string RateLimitDocs = "https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling#rate-limits";

    public static JsonApiError Invalid(string pointer, string detail) =>
        new(400, "invalid", "Invalid input.", detail) { Pointer = pointer };

    public static JsonApiError InvalidParameter(string parameter, string detail) =>
        new(400, "invalid", "Invalid input.", detail) { Parameter = parameter };

    public static JsonApiError ParseError(string detail) =>
        new(400, "parse_error", "Malformed request.", detail) { Pointer = "/data" };

    public static JsonApiError NotFound(string detail, string? pointer = null, string? parameter = null) =>
        new(404, "not_found", "Not found.", detail) { Pointer = pointer, Parameter = parameter };

    public static JsonApiError PathNotFound() => new(404, "not_found", "Not found.", "Not found.");

    public static JsonApiError Conflict(string pointer, string detail) =>
        new(409, "conflict", "Conflict.", detail) { Pointer = pointer };

    public static JsonApiError DuplicateProfile(string existingProfileId) =>
        new(409, "duplicate_profile", "Conflict.", "A profile already exists with one of these identifiers.")
        {
            Pointer = "/data/attributes",
            DuplicateProfileId = existingProfileId,
        };

    public static JsonApiError NotAuthenticated() =>
        new(401, "not_authenticated", "Authentication credentials were not provided.",
            "Missing or invalid authorization scheme. Please use Klaviyo-API-Key.");

    public static JsonApiError AuthenticationFailed() =>
        new(401, "authentication_failed", "Incorrect authentication credentials.", "Incorrect authentication credentials.");

    public static JsonApiError MissingRevision() =>
        InvalidParameter("revision", "The 'revision' header is required (format: YYYY-MM-DD[.suffix]).");

    public static JsonApiError UnknownRevision(string revision) =>
        InvalidParameter("revision", $"'{revision}' is not a valid revision string.");

    public static JsonApiError MethodNotAllowed(string method) =>
        new(405, "method_not_allowed", "Method not allowed.", $"Method \"{method}\" not allowed.");

    public static JsonApiError UnsupportedMediaType(string? contentType) =>
        new(415, "unsupported_media_type", "Unsupported media type.",
            $"Unsupported media type \"{contentType}\" in request. Use application/vnd.api+json or application/json.");

    public static JsonApiError UnsupportedEncoding(string encoding) =>
        new(415, "unsupported_media_type", "Unsupported media type.", $"Unsupported Content-Encoding \"{encoding}\" in request.");

    public static JsonApiError PayloadTooLarge(string detail, string pointer = "/data") =>
        new(413, "payload_too_large", "Request entity too large.", detail) { Pointer = pointer };

    public static JsonApiError Throttled(int retryAfterSeconds) =>
        new(429, "throttled", "Request was throttled.",
            string.Create(CultureInfo.InvariantCulture,
                $"Request was throttled. Expected available in {retryAfterSeconds} second{(retryAfterSeconds == 1 ? "" : "s")}."))
        {
            Pointer = "/data",
            TypeLink = RateLimitDocs,
        };

    public static JsonApiError ServerError(int status) => status == 503
        ? new(503, "service_unavailable", "Service unavailable.", "The service is temporarily unavailable. Please try again later.")
        : new(status, "error", "A server error occurred.", "A server error occurred.");
}
