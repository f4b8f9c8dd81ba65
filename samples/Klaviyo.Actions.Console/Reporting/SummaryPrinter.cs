namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>
/// Prints the end-of-run summary as plain text (standard output redirected, logs, tests): the headline, the table
/// per action, the top reasons and the requests per endpoint. <see cref="TerminalSummary"/> draws the same on a terminal.
/// </summary>
internal static class SummaryPrinter
{
    public static void Print(TextWriter output, RunSummary summary, RunFacts facts)
    {
        output.WriteLine();
        output.WriteLine(summary.Headline());
        output.WriteLine(facts.TargetLine(summary.Events));
        if (facts.RefusalLine is { } refusal)
        {
            output.WriteLine(refusal);
        }

        output.WriteLine();
        output.WriteLine($"{"action",-26} {"matched",8} {"requests",9} {"accepted",9} {"invalid",8} {"rejected",9} {"failed",7}");
        output.WriteLine(new string('-', 82));
        foreach (var (action, t) in summary.Actions)
        {
            output.WriteLine($"{action,-26} {t.Matched,8} {t.Requests,9} {t.Accepted,9} {t.Invalid,8} {t.Rejected,9} {t.Failed,7}");
        }

        var total = summary.Total();
        output.WriteLine(new string('-', 82));
        output.WriteLine($"{"total",-26} {total.Matched,8} {total.Requests,9} {total.Accepted,9} {total.Invalid,8} {total.Rejected,9} {total.Failed,7}");
        if (total.Warned > 0)
        {
            output.WriteLine($"{total.Warned} accepted with warnings (sent without what a warning names; see the reasons below).");
        }

        var reasons = summary.TopReasons(8);
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
        foreach (var (endpoint, count) in facts.RequestsByEndpoint.OrderByDescending(e => e.Value))
        {
            output.WriteLine($"  {count,6}  {endpoint}");
        }
    }
}
