using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>The end-of-run summary drawn with Spectre.Console when standard output is a terminal.</summary>
internal static class TerminalSummary
{
    public static void Print(IAnsiConsole console, RunSummary summary, RunFacts facts)
    {
        var total = summary.Total();
        string colour = summary.FailedEvents > 0 || facts.KeyRefusedWith is not null ? "red" : summary.AcceptedEvents > 0 ? "green" : "yellow";
        console.WriteLine();
        console.MarkupLine($"[bold {colour}]{Markup.Escape(summary.Headline())}[/]");
        console.MarkupLine($"[grey]{Markup.Escape(facts.TargetLine(summary.Events))}[/]");
        if (facts.RefusalLine is { } refusal)
        {
            console.MarkupLine($"[bold red]{Markup.Escape(refusal)}[/]");
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("action"));
        foreach (string heading in new[] { "matched", "requests", "accepted", "invalid", "rejected", "failed" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var (action, t) in summary.Actions)
        {
            table.AddRow(Row(action, t, bold: false));
        }

        table.AddEmptyRow();
        table.AddRow(Row("total", total, bold: true));
        console.Write(table);
        if (total.Warned > 0)
        {
            console.MarkupLine($"[yellow]{total.Warned} accepted with warnings[/] (sent without what a warning names; see the reasons below).");
        }

        var reasons = summary.TopReasons(8);
        if (reasons.Count > 0)
        {
            var reasonTable = new Table().Border(TableBorder.Simple).Title("Top reasons");
            reasonTable.AddColumn(new TableColumn("count").RightAligned());
            reasonTable.AddColumn("action");
            reasonTable.AddColumn("reason");
            foreach (var (action, reason, count) in reasons)
            {
                reasonTable.AddRow(new Text(N(count)), new Text(action), new Text(reason));
            }

            console.Write(reasonTable);
        }

        var endpoints = new Table().Border(TableBorder.Simple).Title("Requests by endpoint");
        endpoints.AddColumn(new TableColumn("requests").RightAligned());
        endpoints.AddColumn("endpoint");
        foreach (var (endpoint, count) in facts.RequestsByEndpoint.OrderByDescending(e => e.Value))
        {
            endpoints.AddRow(new Text(N(count)), new Text(endpoint));
        }

        console.Write(endpoints);
    }

    private static IRenderable[] Row(string action, ActionTally t, bool bold)
    {
        var style = bold ? new Style(decoration: Decoration.Bold) : Style.Plain;
        return
        [
            new Text(action, style),
            new Text(N(t.Matched), style),
            new Text(N(t.Requests), style),
            new Text(N(t.Accepted), t.Accepted > 0 ? new Style(Color.Green, decoration: style.Decoration) : style),
            new Text(N(t.Invalid), t.Invalid > 0 ? new Style(Color.Yellow, decoration: style.Decoration) : style),
            new Text(N(t.Rejected), t.Rejected > 0 ? new Style(Color.Red, decoration: style.Decoration) : style),
            new Text(N(t.Failed), t.Failed > 0 ? new Style(Color.Red, decoration: style.Decoration) : style),
        ];
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
