using System.Net;

namespace Klaviyo.Actions;

/// <summary>
/// Klaviyo answered with an error status. Carries the parsed JSON:API errors, the retry hint and a capped
/// copy of the body. Never carries the API key or request headers.
/// </summary>
public sealed class KlaviyoApiException : Exception
{
    /// <summary>The largest number of characters of the response body kept in <see cref="ResponseContent"/>.</summary>
    public const int MaxResponseContentLength = 8192;

    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path without query.</param>
    /// <param name="errors">The parsed <c>errors[]</c> (empty when the body was not JSON:API).</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay (or one parsed from a throttling detail).</param>
    /// <param name="responseContent">The response body; capped to <see cref="MaxResponseContentLength"/>.</param>
    /// <param name="requestId">An id to quote to Klaviyo support, when one was returned.</param>
    public KlaviyoApiException(
        HttpStatusCode statusCode,
        string method,
        string path,
        IReadOnlyList<KlaviyoError> errors,
        TimeSpan? retryAfter = null,
        string? responseContent = null,
        string? requestId = null)
        : base(BuildMessage(statusCode, method, path, errors, requestId))
    {
        StatusCode = statusCode;
        Method = method;
        Path = path;
        Errors = errors;
        RetryAfter = retryAfter;
        ResponseContent = responseContent is { Length: > MaxResponseContentLength }
            ? responseContent[..MaxResponseContentLength]
            : responseContent;
        RequestId = requestId ?? (errors.Count > 0 ? errors[0].Id : null);
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>The path of the failed request (no query string).</summary>
    public string Path { get; }

    /// <summary>The JSON:API errors Klaviyo returned; empty for HTML or empty bodies.</summary>
    public IReadOnlyList<KlaviyoError> Errors { get; }

    /// <summary>How long Klaviyo asked to wait before retrying (429/503), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The response body, capped to <see cref="MaxResponseContentLength"/> characters.</summary>
    public string? ResponseContent { get; }

    /// <summary>Klaviyo's request or error id, for support requests.</summary>
    public string? RequestId { get; }

    /// <summary>Whether Klaviyo throttled the request (429).</summary>
    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>Whether retrying the same request later could succeed (408, 429, 5xx except 501).</summary>
    public bool IsTransient => IsTransientStatus(StatusCode);

    /// <summary>The <c>duplicate_profile_id</c> of a 409 <c>duplicate_profile</c> error, if any.</summary>
    public string? DuplicateProfileId
    {
        get
        {
            foreach (var error in Errors)
            {
                if (error.DuplicateProfileId is { } id)
                {
                    return id;
                }
            }

            return null;
        }
    }

    /// <summary>Whether a status is worth retrying: 408, 429 and 5xx other than 501.</summary>
    /// <param name="statusCode">The status.</param>
    public static bool IsTransientStatus(HttpStatusCode statusCode)
    {
        int code = (int)statusCode;
        return code == 408 || code == 429 || (code >= 500 && code != 501);
    }

    private static string BuildMessage(HttpStatusCode statusCode, string method, string path, IReadOnlyList<KlaviyoError> errors, string? requestId)
    {
        string summary = errors.Count == 0
            ? "no JSON:API error body"
            : string.Join("; ", errors.Select(e => $"{e.Code}: {e.Detail ?? e.Title}{(e.SourcePointer is null ? "" : $" at {e.SourcePointer}")}"));
        string id = requestId ?? (errors.Count > 0 ? errors[0].Id : null) ?? "n/a";
        return $"Klaviyo API {(int)statusCode} on {method} {path}: {summary} (request {id})";
    }
}
