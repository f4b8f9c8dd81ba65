using System.Globalization;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>Prints the end-of-run table per action and the top reasons.</summary>
internal static class SummaryPrinter
{
    public static void Print(TextWriter output, RunSummary summary, TimeSpan elapsed, string target, IReadOnlyDictionary<string, int> requestsByEndpoint)
    {
        double rate = elapsed.TotalSeconds <= 0 ? 0 : summary.Events / elapsed.TotalSeconds;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Delivered to {target}: {summary.Events} events in {elapsed.TotalSeconds:F1}s ({rate:F0} events/s); {summary.Unmatched} matched no mapping, {summary.Unreadable} unreadable."));
        output.WriteLine();
        output.WriteLine($"{"action",-26} {"matched",8} {"requests",9} {"accepted",9} {"invalid",8} {"rejected",9} {"failed",7}");
        output.WriteLine(new string('-', 82));
        var total = new ActionTally();
        foreach (var (action, t) in summary.Actions)
        {
            output.WriteLine($"{action,-26} {t.Matched,8} {t.Requests,9} {t.Accepted,9} {t.Invalid,8} {t.Rejected,9} {t.Failed,7}");
            total.Matched += t.Matched;
            total.Requests += t.Requests;
            total.Accepted += t.Accepted;
            total.Invalid += t.Invalid;
            total.Rejected += t.Rejected;
            total.Failed += t.Failed;
        }

        output.WriteLine(new string('-', 82));
        output.WriteLine($"{"total",-26} {total.Matched,8} {total.Requests,9} {total.Accepted,9} {total.Invalid,8} {total.Rejected,9} {total.Failed,7}");
        int warned = summary.Actions.Values.Sum(t => t.Warned);
        if (warned > 0)
        {
            output.WriteLine($"{warned} accepted with warnings (sent without what a warning names; see the reasons below).");
        }

        var reasons = summary.Actions
            .SelectMany(a => a.Value.Reasons.Select(r => (Action: a.Key, Reason: r.Key, Count: r.Value)))
            .OrderByDescending(r => r.Count)
            .Take(8)
            .ToList();
        if (reasons.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Top reasons:");
            foreach (var (action, reason, count) in reasons)
            {
                output.WriteLine($"  {count,6}  {action}: {reason}");
            }
        }

        output.WriteLine();
        output.WriteLine("Requests by endpoint:");
        foreach (var (endpoint, count) in requestsByEndpoint.OrderByDescending(e => e.Value))
        {
            output.WriteLine($"  {count,6}  {endpoint}");
        }
    }
}
