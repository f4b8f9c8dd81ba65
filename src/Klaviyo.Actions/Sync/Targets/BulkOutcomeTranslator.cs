using System.Globalization;
using System.Net;
using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Sync;

/// <summary>
/// Turns the bulk client's per-item outcomes into list-sync outcomes, and spots the answers that concern the whole
/// call rather than a member (key refused, list unknown, request refused as a whole, nothing got through), which
/// <see cref="KlaviyoListSync"/> expects as exceptions.
/// </summary>
internal static class BulkOutcomeTranslator
{
    /// <summary>The error code of a member whose import job was not seen to finish.</summary>
    public const string UnconfirmedImport = "import_job_unconfirmed";

    /// <summary>The error code of a member that did not reach Klaviyo (transport failure, cancellation).</summary>
    public const string NotDelivered = "not_delivered";

    /// <summary>One member's outcome.</summary>
    public static ListSyncMemberOutcome Translate(string userId, KlaviyoItemOutcome outcome, bool acceptUnconfirmed, string? profileId = null) =>
        outcome.Status switch
        {
            KlaviyoItemStatus.Accepted when outcome.JobConfirmation == KlaviyoJobConfirmation.Unconfirmed && !acceptUnconfirmed =>
                ListSyncMemberOutcome.Failed(userId, UnconfirmedImport),
            KlaviyoItemStatus.Accepted => ListSyncMemberOutcome.Accepted(userId, profileId),
            KlaviyoItemStatus.Invalid => ListSyncMemberOutcome.Rejected(userId, DescribeInvalid(outcome)),
            KlaviyoItemStatus.Rejected => ListSyncMemberOutcome.Rejected(userId, Code(outcome) ?? "rejected"),
            _ => ListSyncMemberOutcome.Failed(userId, Code(outcome) ?? NotDelivered),
        };

    /// <summary>
    /// The exception the whole call should end with, or <see langword="null"/> when the outcomes are per member:
    /// 401/403 anywhere; a refusal (4xx) that names no row (e.g. 404, or 400 pointing at <c>/data</c>: an unknown
    /// list); or, when nothing was accepted, the transient status or transport failure that stopped every member.
    /// </summary>
    public static Exception? WholeCallFailure(
        IReadOnlyList<KlaviyoItemOutcome> outcomes,
        BulkEndpointDescriptor endpoint,
        string method,
        string path,
        CancellationToken cancellationToken)
    {
        bool anyAccepted = false;
        KlaviyoItemOutcome? transient = null;
        KlaviyoItemOutcome? undelivered = null;
        foreach (var outcome in outcomes)
        {
            switch (outcome.Status)
            {
                case KlaviyoItemStatus.Accepted:
                    anyAccepted = true;
                    break;
                case KlaviyoItemStatus.Failed or KlaviyoItemStatus.Rejected when outcome.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    return ToException(outcome, method, path);
                case KlaviyoItemStatus.Rejected when outcome.StatusCode is not null && !BulkErrorPointer.TryParse(outcome.Error?.SourcePointer, endpoint, out _, out _):
                    return ToException(outcome, method, path);
                case KlaviyoItemStatus.Failed when outcome.StatusCode is not null:
                    transient ??= outcome;
                    break;
                case KlaviyoItemStatus.Failed:
                    undelivered ??= outcome;
                    break;
            }
        }

        if (anyAccepted)
        {
            return null;
        }

        if (cancellationToken.IsCancellationRequested && (transient ?? undelivered) is not null)
        {
            return new OperationCanceledException(cancellationToken);
        }

        if (transient is not null)
        {
            return ToException(transient, method, path);
        }

        return undelivered is null
            ? null
            : new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"No member of the {method} {path} call reached Klaviyo: {undelivered.Reason}."));
    }

    private static KlaviyoApiException ToException(KlaviyoItemOutcome outcome, string method, string path) =>
        new(outcome.StatusCode!.Value, method, path, outcome.Error is null ? [] : [outcome.Error]);

    private static string? Code(KlaviyoItemOutcome outcome) =>
        outcome.Error?.Code is { Length: > 0 } code
            ? code
            : outcome.StatusCode is { } status ? string.Create(CultureInfo.InvariantCulture, $"http_{(int)status}") : null;

    private static string DescribeInvalid(KlaviyoItemOutcome outcome) =>
        outcome.ValidationErrors.Count == 0
            ? "invalid"
            : string.Join(",", outcome.ValidationErrors.Select(e => e.Field + ":" + e.Rule).Distinct(StringComparer.Ordinal));
}
