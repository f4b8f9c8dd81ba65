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

    /// <summary>Events whose every matched action Klaviyo accepted.</summary>
    public int AcceptedEvents { get; private set; }

    /// <summary>Events with at least one action that failed delivery or was rejected by Klaviyo.</summary>
    public int FailedEvents { get; private set; }

    /// <summary>Events with an action that failed validation (never sent), and none that failed delivery.</summary>
    public int InvalidEvents { get; private set; }

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
            bool failed = false;
            bool invalid = false;
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
                    case InvalidOutcome notValid:
                        invalid = true;
                        tally.Invalid++;
                        foreach (var error in notValid.Errors)
                        {
                            tally.AddReason($"invalid {error.Field}: {error.Rule}");
                        }

                        break;
                    case FailedOutcome rejected when IsRejection(rejected):
                        failed = true;
                        tally.Rejected++;
                        tally.AddReason($"rejected {(int?)rejected.StatusCode}: {Trim(rejected.Message)}");
                        break;
                    case FailedOutcome notDelivered:
                        failed = true;
                        tally.Failed++;
                        if (notDelivered.ItemOutcome?.Reason is KlaviyoItemOutcome.NotDeliveredBeforeShutdown or KlaviyoItemOutcome.NotAcceptedShuttingDown)
                        {
                            NotDelivered++;
                        }

                        tally.AddReason($"failed {(notDelivered.StatusCode is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "transport")}: {Trim(notDelivered.Message)}");
                        break;
                }
            }

            if (!matched)
            {
                Unmatched++;
            }
            else if (failed)
            {
                FailedEvents++;
            }
            else if (invalid)
            {
                InvalidEvents++;
            }
            else
            {
                AcceptedEvents++;
            }
        }
    }

    /// <summary>
    /// What happened, in one line: "3 events: 0 accepted, 3 failed, 0 invalid, 0 unreadable, 0 matched no mapping."
    /// Every event is in exactly one of these counts.
    /// </summary>
    public string Headline() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Events} events: {AcceptedEvents} accepted, {FailedEvents} failed, {InvalidEvents} invalid, {Unreadable} unreadable, {Unmatched} matched no mapping.");

    public void AddRequests(IReadOnlyDictionary<string, int> byAction)
    {
        foreach (var (action, count) in byAction)
        {
            Tally(action).Requests += count;
        }
    }

    /// <summary>The sums over every action.</summary>
    public ActionTally Total()
    {
        var total = new ActionTally();
        foreach (var t in _actions.Values)
        {
            total.Matched += t.Matched;
            total.Requests += t.Requests;
            total.Accepted += t.Accepted;
            total.Invalid += t.Invalid;
            total.Rejected += t.Rejected;
            total.Failed += t.Failed;
            total.Warned += t.Warned;
        }

        return total;
    }

    /// <summary>The most frequent reasons across actions, most frequent first.</summary>
    public IReadOnlyList<(string Action, string Reason, int Count)> TopReasons(int count) =>
        _actions
            .SelectMany(a => a.Value.Reasons.Select(r => (Action: a.Key, Reason: r.Key, Count: r.Value)))
            .OrderByDescending(r => r.Count)
            .Take(count)
            .ToList();

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
