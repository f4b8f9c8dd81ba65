using System.Collections.Concurrent;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Counts since start: calls refused (by reason), messages accepted and routed, and per action how many were
/// sent (and of those, sent with warnings), invalid or failed, with the most recent problems. Served at <c>GET /v1/stats</c>.
/// </summary>
internal sealed class IngestionStats(TimeProvider timeProvider)
{
    private const int RecentProblemCapacity = 50;

    private readonly ConcurrentDictionary<string, long> _refusedCalls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ActionCounts> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _received = new(StringComparer.Ordinal);
    private readonly Queue<IngestionProblem> _recent = new();
    private readonly object _recentGate = new();
    private long _accepted;
    private long _routed;
    private long _unreadable;
    private long _unmatched;
    private long _crashed;
    private long _integrationDisabled;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Routed => Interlocked.Read(ref _routed);

    public long Unreadable => Interlocked.Read(ref _unreadable);

    public long Unmatched => Interlocked.Read(ref _unmatched);

    public long Crashed => Interlocked.Read(ref _crashed);

    /// <summary>Routed messages by call type (<c>identify</c>, <c>track</c>, ...).</summary>
    public IReadOnlyDictionary<string, long> Received => _received;

    /// <summary>
    /// Routed messages whose <c>integrations</c> turn Klaviyo off (e.g. sent by the Klaviyo → Segment sync): skipped by
    /// every mapping and counted as unmatched too, never as failed.
    /// </summary>
    public long IntegrationDisabled => Interlocked.Read(ref _integrationDisabled);

    public IReadOnlyDictionary<string, long> RefusedCalls => _refusedCalls;

    public IReadOnlyDictionary<string, ActionCounts> Actions => _actions;

    public IReadOnlyList<IngestionProblem> RecentProblems
    {
        get
        {
            lock (_recentGate)
            {
                return [.. _recent];
            }
        }
    }

    public void AddRefusedCall(string code) => _refusedCalls.AddOrUpdate(code, 1, (_, n) => n + 1);

    public void AddAccepted(int count) => Interlocked.Add(ref _accepted, count);

    /// <summary>A message the tracking API accepted but that is not a readable Segment event (counted as routed).</summary>
    public void AddUnreadable(string? messageId, string reason)
    {
        Interlocked.Increment(ref _unreadable);
        Interlocked.Increment(ref _routed);
        AddProblem(new IngestionProblem(timeProvider.GetUtcNow(), messageId, "(event)", "unreadable", reason));
    }

    /// <summary>A message whose routing threw unexpectedly (counted as routed, listed as a problem).</summary>
    public void AddCrashed(string? messageId, string exceptionType)
    {
        Interlocked.Increment(ref _routed);
        Interlocked.Increment(ref _crashed);
        AddProblem(new IngestionProblem(timeProvider.GetUtcNow(), messageId, "(event)", "failed", exceptionType));
    }

    /// <summary>Counts one routed message's outcomes.</summary>
    public void Add(EventResult result)
    {
        Interlocked.Increment(ref _routed);
        if (result.Error is not null)
        {
            Interlocked.Increment(ref _unreadable);
            AddProblem(new IngestionProblem(timeProvider.GetUtcNow(), result.MessageId, "(event)", "unreadable", $"{result.Error.Field}: {result.Error.Rule}"));
            return;
        }

        if (result.Type is { } type)
        {
            _received.AddOrUpdate(type.ToString().ToLowerInvariant(), 1, (_, n) => n + 1);
        }

        if (result.Outcomes.Count > 0 && result.Outcomes.All(o => o is SkippedOutcome { Reason: SkipReason.IntegrationDisabled }))
        {
            Interlocked.Increment(ref _integrationDisabled);
        }

        bool matched = false;
        foreach (var outcome in result.Outcomes)
        {
            switch (outcome)
            {
                case SentOutcome sent:
                    matched = true;
                    Counts(outcome.Action).AddSent();
                    if (sent.Warnings.Count > 0)
                    {
                        // Accepted with something left out: counted and listed, so the user sees what and why.
                        Counts(outcome.Action).AddWarning();
                        AddProblem(new IngestionProblem(timeProvider.GetUtcNow(), result.MessageId, outcome.MappingName, "warning", string.Join("; ", sent.Warnings.Select(w => $"{w.Field}: {w.Rule}"))));
                    }

                    break;
                case InvalidOutcome invalid:
                    matched = true;
                    Counts(outcome.Action).AddInvalid();
                    AddProblem(new IngestionProblem(timeProvider.GetUtcNow(), result.MessageId, outcome.MappingName, "invalid", OutcomeReasons.Describe(invalid)));
                    break;
                case FailedOutcome failed:
                    matched = true;
                    Counts(outcome.Action).AddFailed();
                    AddProblem(new IngestionProblem(timeProvider.GetUtcNow(), result.MessageId, outcome.MappingName, "failed", OutcomeReasons.Describe(failed)));
                    break;
            }
        }

        if (!matched)
        {
            Interlocked.Increment(ref _unmatched);
        }
    }

    private ActionCounts Counts(string action) => _actions.GetOrAdd(action, _ => new ActionCounts());

    private void AddProblem(IngestionProblem problem)
    {
        lock (_recentGate)
        {
            if (_recent.Count == RecentProblemCapacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(problem);
        }
    }
}
