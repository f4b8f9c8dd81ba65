using System.Globalization;
using System.Text.RegularExpressions;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary>One row of the console's summary table.</summary>
internal sealed record SummaryRow(int Matched, int Requests, int Accepted, int Invalid, int Rejected, int Failed);

/// <summary>Reads the console <c>send</c> summary back: the header line, the table rows and the top reasons.</summary>
internal sealed partial class SummaryTable
{
    private SummaryTable(string text)
    {
        Text = text;
        foreach (Match row in RowPattern().Matches(text))
        {
            int N(int group) => int.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);
            Rows[row.Groups[1].Value] = new SummaryRow(N(2), N(3), N(4), N(5), N(6), N(7));
        }

        foreach (Match reason in ReasonPattern().Matches(text))
        {
            Reasons[reason.Groups[2].Value.Trim()] = int.Parse(reason.Groups[1].Value, CultureInfo.InvariantCulture);
        }
    }

    public string Text { get; }

    /// <summary>The summary's first line: what happened to the events.</summary>
    public string Headline => Text.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);

    public Dictionary<string, SummaryRow> Rows { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);

    public static SummaryTable Parse(string text) => new(text);

    [GeneratedRegex(@"^(\S+(?: \S+)*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^\s+(\d+)\s{2}(\w+: (?:invalid|rejected|failed) .+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ReasonPattern();
}
