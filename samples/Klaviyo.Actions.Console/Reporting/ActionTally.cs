namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>Counts for one action across a run.</summary>
internal sealed class ActionTally
{
    public int Matched { get; set; }

    public int Accepted { get; set; }

    public int Invalid { get; set; }

    public int Rejected { get; set; }

    public int Failed { get; set; }

    /// <summary>Accepted items that were sent with something left out (classic mode warnings).</summary>
    public int Warned { get; set; }

    public int Requests { get; set; }

    /// <summary>Why items were invalid, rejected or failed, or what was left out of accepted ones, with counts.</summary>
    public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);

    public void AddReason(string reason) => Reasons[reason] = Reasons.GetValueOrDefault(reason) + 1;
}
