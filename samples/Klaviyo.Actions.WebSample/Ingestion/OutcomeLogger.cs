using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>Logs each routed message's outcomes: problems at warning/error, sends at debug.</summary>
internal sealed class OutcomeLogger(ILogger<OutcomeLogger> logger)
{
    public void Log(EventResult result)
    {
        if (result.Error is not null)
        {
            IngestionLog.Unreadable(logger, result.MessageId, $"{result.Error.Field}: {result.Error.Rule}");
            return;
        }

        foreach (var outcome in result.Outcomes)
        {
            switch (outcome)
            {
                case SentOutcome:
                    IngestionLog.Sent(logger, result.MessageId, outcome.MappingName, outcome.Action);
                    break;
                case InvalidOutcome invalid:
                    IngestionLog.Invalid(logger, result.MessageId, outcome.MappingName, outcome.Action, OutcomeReasons.Describe(invalid));
                    break;
                case FailedOutcome failed:
                    IngestionLog.Failed(logger, result.MessageId, outcome.MappingName, outcome.Action, OutcomeReasons.Describe(failed));
                    break;
            }
        }
    }
}
