using System.Net;
using Klaviyo.Actions.Http;
using Polly;
using Polly.Timeout;

namespace Klaviyo.Actions.Resilience;

/// <summary>
/// Which outcomes are retried, per <see cref="RetrySafety"/> of the operation (see <see cref="KlaviyoOperation"/>
/// for which operation is which):
/// <list type="bullet">
/// <item><see cref="RetrySafety.Idempotent"/> (reads, profile upserts, list relationships, subscription jobs,
/// deletion requests) and <see cref="RetrySafety.Deduplicated"/> (events carrying a <c>unique_id</c>): 408, 429,
/// 5xx except 501, <see cref="HttpRequestException"/> and attempt timeouts.</item>
/// <item><see cref="RetrySafety.Unsafe"/> (<c>create_list</c>): only 429, which Klaviyo answers before processing.</item>
/// </list>
/// Other 4xx are never retried: the same request would fail the same way.
/// </summary>
internal static class KlaviyoRetryPredicate
{
    public static bool ShouldRetry(KlaviyoOperation operation, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return operation.Safety != RetrySafety.Unsafe && IsTransientException(exception);
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Throttled before processing: safe to repeat for every operation.
            return true;
        }

        return operation.Safety != RetrySafety.Unsafe && KlaviyoApiException.IsTransientStatus(response.StatusCode);
    }

    /// <summary>Connection failures and attempt timeouts (ours or <see cref="HttpClient.Timeout"/>); never a caller's cancellation.</summary>
    public static bool IsTransientException(Exception exception) => exception switch
    {
        HttpRequestException => true,
        TimeoutRejectedException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    /// <summary>A short label of an outcome for logs and metric tags: the status code or the exception type.</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : ((int)(outcome.Result?.StatusCode ?? 0)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
