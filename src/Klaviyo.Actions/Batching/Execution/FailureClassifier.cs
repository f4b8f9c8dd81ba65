using System.Globalization;
using System.Net;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Turns request failures into item outcomes. <see cref="KlaviyoItemStatus.Failed"/>: transient statuses (408,
/// 429, 5xx other than 501) after the transport's retries, 401/403 (the key, not the item), transport errors and
/// cancellation — the item may be sent again. <see cref="KlaviyoItemStatus.Rejected"/>: any other 4xx — Klaviyo
/// refused the request as it was, and resending it unchanged will not help.
/// </summary>
internal static class FailureClassifier
{
    public static bool IsFailure(KlaviyoApiException exception) =>
        exception.IsTransient || exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>The outcome of an item whose request Klaviyo answered with an error about the whole request.</summary>
    public static KlaviyoItemOutcome ForRequestError(string action, KlaviyoApiException exception, KlaviyoError? error = null)
    {
        error ??= exception.Errors.Count > 0 ? exception.Errors[0] : null;
        int status = (int)exception.StatusCode;
        return IsFailure(exception)
            ? KlaviyoItemOutcome.Failed(
                action,
                string.Create(CultureInfo.InvariantCulture, $"Klaviyo answered {status}{(exception.IsTransient ? " after retries" : "")}"),
                exception.StatusCode,
                error,
                Summarize(exception))
            : KlaviyoItemOutcome.Rejected(
                action,
                error,
                exception.StatusCode,
                error?.Detail ?? error?.Title ?? string.Create(CultureInfo.InvariantCulture, $"Klaviyo refused the request ({status})"));
    }

    /// <summary>The outcome of an item whose request threw something other than a Klaviyo answer.</summary>
    public static KlaviyoItemOutcome ForException(string action, Exception exception, bool cancelled, string cancelledReason) =>
        cancelled
            ? KlaviyoItemOutcome.Failed(action, cancelledReason, exceptionSummary: Summarize(exception))
            : KlaviyoItemOutcome.Failed(action, "the request failed: " + exception.GetType().Name, exceptionSummary: Summarize(exception));

    /// <summary>The exception's type and message, e.g. <c>HttpRequestException: Connection refused</c>.</summary>
    public static string Summarize(Exception exception) => exception.GetType().Name + ": " + exception.Message;
}
