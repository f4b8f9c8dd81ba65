using System.Globalization;
using Klaviyo.Actions.Sync;

namespace Klaviyo.Actions.ConsoleApp.ListSync;

/// <summary>Prints a list-sync run: counts, the connector's new status and last error.</summary>
internal static class SyncResultPrinter
{
    public static void Print(TextWriter output, ListSyncResult result, string destination)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Synced segment '{result.SegmentId}' into list {result.ListId} on {destination}: {result.Outcome} in {result.Duration.TotalSeconds:F1} s"));
        output.WriteLine(string.Create(c, $"  members      {result.Members,10:N0}"));
        output.WriteLine(string.Create(c, $"  added        {result.Added,10:N0}"));
        output.WriteLine(string.Create(c, $"  updated      {result.Updated,10:N0}"));
        output.WriteLine(string.Create(c, $"  removed      {result.Removed,10:N0}"));
        output.WriteLine(string.Create(c, $"  unchanged    {result.Unchanged,10:N0}"));
        output.WriteLine(string.Create(c, $"  rejected     {result.Rejected,10:N0}"));
        output.WriteLine(string.Create(c, $"  failed       {result.Failed,10:N0}"));
        output.WriteLine(string.Create(c, $"  not personalisable (no email) {result.NotPersonalisable:N0}"));
        output.WriteLine(string.Create(c, $"Status: {result.Status}"));
        output.WriteLine(string.Create(c, $"Last synced: {(result.LastSyncedAt is { } at ? at.ToString("u", c) : "never")}"));
        output.WriteLine(string.Create(c, $"Last error: {result.LastError ?? "none"}"));
    }

    /// <summary>Whether the run left nothing to redo.</summary>
    public static bool Succeeded(ListSyncResult result) => result.Outcome == ListSyncRunOutcome.Completed;
}
