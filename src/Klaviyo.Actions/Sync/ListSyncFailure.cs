using System.Net;

namespace Klaviyo.Actions.Sync;

/// <summary>
/// A run-ending failure turned into what the connector records: whether a person must act (<see cref="NeedsAttention"/>,
/// status Error) or the next run will likely succeed (transient), and a message without personal data.
/// </summary>
internal sealed record ListSyncFailure(bool NeedsAttention, string Message)
{
    /// <summary>Classifies an exception thrown by a target or its provider; <see langword="false"/> for exceptions that are not Klaviyo or network failures.</summary>
    public static bool TryClassify(Exception exception, ListSyncConnector connector, out ListSyncFailure failure)
    {
        failure = exception switch
        {
            KlaviyoApiException api => FromApi(api, connector),
            HttpRequestException http => new(false, $"Klaviyo could not be reached ({Describe(http)}); the next run retries."),
            TimeoutException or OperationCanceledException => new(false, "A call to Klaviyo timed out; the next run retries."),
            Polly.ExecutionRejectedException => new(false, $"The call to Klaviyo was refused by the client's resilience pipeline ({exception.GetType().Name}); the next run retries."),
            KeyNotFoundException => new(true, $"No Klaviyo client or API key is registered under the credential name '{connector.CredentialName}'."),
            _ => null!,
        };
        return failure is not null;
    }

    /// <summary>The failure recorded for an exception that <see cref="TryClassify"/> did not recognise (a bug in a target or store).</summary>
    public static ListSyncFailure Unexpected(Exception exception) =>
        new(true, $"The sync stopped on an unexpected {exception.GetType().Name}; see the application log.");

    private static ListSyncFailure FromApi(KlaviyoApiException api, ListSyncConnector connector)
    {
        int code = (int)api.StatusCode;
        string codes = DescribeCodes(api);
        string request = api.RequestId is null ? "" : $" (request {api.RequestId})";
        return api.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new(true, $"Klaviyo rejected the API key registered as '{connector.CredentialName}' (401 Unauthorized): the key is invalid or was revoked{request}."),
            HttpStatusCode.Forbidden => new(true, $"The API key registered as '{connector.CredentialName}' lacks a permission (403 Forbidden): grant it Lists Read/Write and Profiles Read/Write{request}."),
            HttpStatusCode.NotFound => new(true, $"Klaviyo list '{connector.ListId}' was not found (404 Not Found). List ids are 6 characters and case-sensitive; copy it from the list's URL{request}."),
            _ when api.IsRateLimited => new(false, $"Klaviyo rate limits were still exceeded after retries (429{codes}){request}; the next run carries on."),
            _ when api.IsTransient => new(false, $"Klaviyo answered {code}{codes}{request}; the next run retries."),
            _ => new(true, $"Klaviyo refused the request ({code}{codes}){request}."),
        };
    }

    // Error codes only: Klaviyo's details can quote emails or phone numbers from the request.
    private static string DescribeCodes(KlaviyoApiException api)
    {
        var codes = api.Errors.Select(e => e.Code).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).Take(5).ToList();
        return codes.Count == 0 ? "" : "; error codes: " + string.Join(", ", codes);
    }

    private static string Describe(HttpRequestException http) =>
        http.StatusCode is { } status ? $"HTTP {(int)status}" : http.HttpRequestError.ToString();
}
