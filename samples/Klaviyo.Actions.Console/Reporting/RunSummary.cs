using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>Accumulates per-action counts from the destination's per-event results.</summary>
internal sealed class RunSummary
{
    private readonly SortedDictionary<string, ActionTally> _actions = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Events { get; private set; }

    public int Unreadable { get; private set; }

    public int Unmatched { get; private set; }

    /// <summary>Actions that failed as not delivered before shutdown (the run was interrupted).</summary>
    public int NotDelivered { get; private set; }

    public IReadOnlyDictionary<string, ActionTally> Actions => _actions;

    /// <summary>Whether any accepted event failed delivery or was rejected by Klaviyo.</summary>
    public bool AnyFailed => _actions.Values.Any(a => a.Failed > 0 || a.Rejected > 0);

    public void Add(EventResult result)
    {
        lock (_gate)
        {
            Events++;
            if (result.Error is not null)
            {
                Unreadable++;
                return;
            }

            bool matched = false;
            foreach (var outcome in result.Outcomes)
            {
                if (outcome is SkippedOutcome)
                {
                    continue;
                }

                matched = true;
                var tally = Tally(outcome.Action);
                tally.Matched++;
                switch (outcome)
                {
                    case SentOutcome sent:
                        tally.Accepted++;
                        if (sent.Warnings.Count > 0)
                        {
                            tally.Warned++;
                            foreach (var warning in sent.Warnings)
                            {
                                tally.AddReason($"warning {warning.Field}: {warning.Rule}");
                            }
                        }

                        break;
                    case InvalidOutcome invalid:
                        tally.Invalid++;
                        foreach (var error in invalid.Errors)
                        {
                            tally.AddReason($"invalid {error.Field}: {error.Rule}");
                        }

                        break;
                    case FailedOutcome failed when IsRejection(failed):
                        tally.Rejected++;
                        tally.AddReason($"rejected {(int?)failed.StatusCode}: {Trim(failed.Message)}");
                        break;
                    case FailedOutcome failed:
                        tally.Failed++;
                        if (failed.ItemOutcome?.Reason is KlaviyoItemOutcome.NotDeliveredBeforeShutdown or KlaviyoItemOutcome.NotAcceptedShuttingDown)
                        {
                            NotDelivered++;
                        }

                        tally.AddReason($"failed {(failed.StatusCode is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "transport")}: {Trim(failed.Message)}");
                        break;
                }
            }

            if (!matched)
            {
                Unmatched++;
            }
        }
    }

    public void AddRequests(IReadOnlyDictionary<string, int> byAction)
    {
        foreach (var (action, count) in byAction)
        {
            Tally(action).Requests += count;
        }
    }

    /// <summary>Klaviyo pointed at the item itself (a 4xx other than throttling/timeouts): resending will not help.</summary>
    private static bool IsRejection(FailedOutcome failed) => failed.IsRejected;

    private static string Trim(string message) => message.Length <= 90 ? message : message[..87] + "...";

    private ActionTally Tally(string action)
    {
        if (!_actions.TryGetValue(action, out var tally))
        {
            tally = new ActionTally();
            _actions[action] = tally;
        }

        return tally;
    }
}
