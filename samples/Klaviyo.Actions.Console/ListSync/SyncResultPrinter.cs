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
        if (result.LeaseHolder is { } holder)
        {
            output.WriteLine($"  The connector's lease is held by {holder}: another run is syncing it. Rerun after that, or add --take-over if you know that run is gone.");
        }

        if (result.LeaseTakenOverFrom is { } previous)
        {
            output.WriteLine($"  Took the connector's lease over from {previous}.");
        }

        output.WriteLine(string.Create(c, $"  members      {result.Members,10:N0}"));
        output.WriteLine(string.Create(c, $"  added        {result.Added,10:N0}"));
        output.WriteLine(string.Create(c, $"  updated      {result.Updated,10:N0}"));
        output.WriteLine(string.Create(c, $"  removed      {result.Removed,10:N0}"));
        output.WriteLine(string.Create(c, $"  unchanged    {result.Unchanged,10:N0}"));
        output.WriteLine(string.Create(c, $"  rejected     {result.Rejected,10:N0}"));
        output.WriteLine(string.Create(c, $"  failed       {result.Failed,10:N0}"));
        output.WriteLine(string.Create(c, $"  not personalisable (no email) {result.NotPersonalisable:N0}"));
        if (result.MalformedEmailsDropped > 0)
        {
            output.WriteLine(string.Create(c, $"  malformed emails dropped (synced by external id) {result.MalformedEmailsDropped:N0}"));
        }

        output.WriteLine(string.Create(c, $"Status: {result.Status}"));
        output.WriteLine(string.Create(c, $"Last synced: {(result.LastSyncedAt is { } at ? at.ToString("u", c) : "never")}"));
        output.WriteLine(string.Create(c, $"Last error: {result.LastError ?? "none"}"));
    }

    /// <summary>Whether the run left nothing to redo.</summary>
    public static bool Succeeded(ListSyncResult result) => result.Outcome == ListSyncRunOutcome.Completed;
}
