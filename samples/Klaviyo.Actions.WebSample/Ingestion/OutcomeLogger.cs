using System.Text;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Logs exactly one line per routed message, with its message id and every mapping that applied: at error level when
/// one failed, warning when one was invalid, debug otherwise. Reasons name fields, rules and statuses, never values.
/// </summary>
internal sealed class OutcomeLogger(ILogger<OutcomeLogger> logger)
{
    public void Log(EventResult result)
    {
        if (result.Error is not null)
        {
            IngestionLog.Unreadable(logger, result.MessageId, $"{result.Error.Field}: {result.Error.Rule}");
            return;
        }

        bool failed = false, invalid = false;
        var summary = new StringBuilder();
        foreach (var outcome in result.Outcomes)
        {
            string? text = outcome switch
            {
                SentOutcome => "sent",
                InvalidOutcome i => "invalid (" + OutcomeReasons.Describe(i) + ")",
                FailedOutcome f => "failed (" + OutcomeReasons.Describe(f) + ")",
                _ => null,
            };
            if (text is null)
            {
                continue;
            }

            failed |= outcome is FailedOutcome;
            invalid |= outcome is InvalidOutcome;
            summary.Append(summary.Length == 0 ? string.Empty : "; ").Append(outcome.Action).Append(' ').Append(text);
        }

        string line = summary.Length == 0 ? "no mapping applied" : summary.ToString();
        if (failed)
        {
            IngestionLog.MessageFailed(logger, result.MessageId, line);
        }
        else if (invalid)
        {
            IngestionLog.MessageInvalid(logger, result.MessageId, line);
        }
        else
        {
            IngestionLog.Delivered(logger, result.MessageId, line);
        }
    }
}
