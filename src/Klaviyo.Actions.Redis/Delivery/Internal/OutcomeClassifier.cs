using System.Text;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>
/// Turns a routed message's result into what is recorded: its status, a reason without personal data (mapping
/// action, Segment field and rule, Klaviyo's status) and the counters it adds.
/// </summary>
internal static class OutcomeClassifier
{
    public static PendingRecord Final(InFlightEntry entry, EventResult result)
    {
        if (result.Error is { } error)
        {
            return DeadLetter(entry, $"unreadable ({error.Field}: {error.Rule})", result);
        }

        var counters = new List<string>();
        var reason = new StringBuilder();
        bool failed = false, invalid = false;
        foreach (var outcome in result.Outcomes)
        {
            switch (outcome)
            {
                case SentOutcome:
                    counters.Add($"action:{outcome.Action}:sent");
                    break;
                case InvalidOutcome i:
                    invalid = true;
                    counters.Add($"action:{outcome.Action}:invalid");
                    Append(reason, outcome.Action, string.Join("; ", i.Errors.Select(e => $"{e.Field} ({e.Rule})")));
                    break;
                case FailedOutcome f:
                    failed = true;
                    counters.Add($"action:{outcome.Action}:failed");
                    Append(reason, outcome.Action, f.Message);
                    break;
            }
        }

        var status = failed ? RedisOutcomeStatus.Failed : invalid ? RedisOutcomeStatus.Invalid : RedisOutcomeStatus.Delivered;
        counters.Add("status:" + PendingRecord.StatusName(status));
        return new PendingRecord(entry, status, reason.ToString(), counters, DeadLetter: false, result);
    }

    /// <summary>The reason a transiently failed result gives (the first transient failure).</summary>
    public static string TransientReason(EventResult result) =>
        result.Outcomes.OfType<FailedOutcome>().FirstOrDefault(f => f.IsTransient) is { } f ? $"{f.Action}: {f.Message}" : "transient failure";

    public static PendingRecord DeadLetter(InFlightEntry entry, string reason, EventResult? result) =>
        new(entry, RedisOutcomeStatus.Failed, reason, ["status:failed", "dead_lettered"], DeadLetter: true, result);

    private static void Append(StringBuilder reason, string action, string text) =>
        reason.Append(reason.Length == 0 ? string.Empty : "; ").Append(action).Append(": ").Append(text);
}
