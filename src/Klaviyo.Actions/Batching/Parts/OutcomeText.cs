using System.Globalization;
using System.Net;

namespace Klaviyo.Actions.Batching;

/// <summary>Short descriptions of item outcomes without personal data: statuses, Klaviyo error codes and reasons of our own.</summary>
internal static class OutcomeText
{
    /// <summary>Exceptions (by type name, as an item outcome summarizes them) after which a later retry could succeed.</summary>
    private static readonly string[] TransientExceptions =
        [nameof(HttpRequestException), nameof(TimeoutException), nameof(TaskCanceledException), nameof(OperationCanceledException), "IOException", "SocketException"];

    /// <summary>Whether retrying the same item later could succeed (429, 5xx, network errors, timeouts, shutdown).</summary>
    public static bool IsTransient(KlaviyoItemOutcome outcome) =>
        outcome.StatusCode is { } answered
            ? outcome.Status != KlaviyoItemStatus.Rejected && answered is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            : outcome.ExceptionSummary is not { } summary || TransientExceptions.Any(name => summary.StartsWith(name, StringComparison.Ordinal));

    /// <summary>
    /// Why an item was not delivered: <c>Klaviyo refused it 400 (invalid)</c>, <c>Klaviyo answered 503 after retries</c>,
    /// or the outcome's own reason when Klaviyo did not answer.
    /// </summary>
    public static string Failure(KlaviyoItemOutcome outcome)
    {
        if (outcome.StatusCode is not { } status)
        {
            return outcome.Reason ?? "not delivered";
        }

        bool rejected = outcome.Status == KlaviyoItemStatus.Rejected;
        string code = outcome.Error?.Code is { } errorCode ? $" ({errorCode})" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Klaviyo {(rejected ? "refused it" : "answered")} {(int)status}{code}{(IsTransient(outcome) ? " after retries" : string.Empty)}");
    }

    /// <summary><c>accepted</c>, <c>invalid: field (rule)</c>, or <c>failed: </c> and <see cref="Failure"/>.</summary>
    public static string Describe(KlaviyoItemOutcome outcome) => outcome.Status switch
    {
        KlaviyoItemStatus.Accepted => "accepted",
        KlaviyoItemStatus.Invalid => "invalid: " + string.Join(", ", outcome.ValidationErrors.Select(e => $"{e.Field} ({e.Rule})")),
        _ => "failed: " + Failure(outcome),
    };

    /// <summary>Each part and what happened to it, e.g. <c>order event accepted; Ordered Product 2 of 3 (product_id p2) failed: …</c>.</summary>
    public static string Describe(IReadOnlyList<KlaviyoPartOutcome> parts) => string.Join("; ", parts);
}
