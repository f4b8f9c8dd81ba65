namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>Counts for one action across a run.</summary>
internal sealed class ActionTally
{
    public int Matched { get; set; }

    public int Accepted { get; set; }

    public int Invalid { get; set; }

    public int Rejected { get; set; }

    public int Failed { get; set; }

    public int Requests { get; set; }

    /// <summary>Why items were invalid, rejected or failed, with counts.</summary>
    public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);

    public void AddReason(string reason) => Reasons[reason] = Reasons.GetValueOrDefault(reason) + 1;
}
