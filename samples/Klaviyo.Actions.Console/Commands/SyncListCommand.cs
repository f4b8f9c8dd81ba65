using Klaviyo.Actions.ConsoleApp.Delivery;
using Klaviyo.Actions.ConsoleApp.ListSync;
using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Sync.Sqlite;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// <c>sync-list --segment ID [--list ID] --members FILE [--state PATH] [--api-key KEY] [--base-url URL] [--rate-limits] [--take-over]</c>:
/// runs one list sync of a segment's membership (JSON lines) into a Klaviyo list, keeping the sync state in SQLite.
/// Without a key it syncs into an in-process emulator, creating the list when <c>--list</c> is omitted. A lease left
/// by a killed run on this machine is taken over at once; one held by a live run (or another machine) is reported
/// with its holder and expiry, and <c>--take-over</c> takes it anyway. Exit code 0 when the run completed, 1 when it
/// failed, was interrupted, found the connector busy or left members to retry, 2 for bad input.
/// </summary>
internal static class SyncListCommand
{
    /// <summary>The credential name the console registers its one client under.</summary>
    private const string CredentialName = "console";

    /// <summary>The state file used against Klaviyo when <c>--state</c> is not given.</summary>
    private const string DefaultStatePath = "klaviyo-list-sync.db";

    public static async Task<int> RunAsync(CommandArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        string segmentId = args.Get("segment") ?? throw new UsageException("sync-list needs --segment ID.");
        string members = args.Get("members") ?? throw new UsageException("sync-list needs --members FILE (JSON lines: userId, email, phone, externalId).");
        if (!File.Exists(members))
        {
            throw new UsageException($"No such file: {members}");
        }

        await using var destination = await DeliveryTarget.CreateAsync(args.Get("api-key"), args.Get("base-url"), cancellationToken);
        string listId = ChooseList(args.Get("list"), destination, segmentId, output);
        var options = destination.Options;
        if (destination.Emulator is not null)
        {
            // The emulator does not limit unless asked; with --rate-limits both sides apply Klaviyo's limits.
            destination.Emulator.RateLimiting.Enabled = args.Has("rate-limits");
            options.RateLimiting.Enabled = args.Has("rate-limits");
            options.Batching.JobPollInterval = TimeSpan.FromMilliseconds(250);
        }

        // The emulator forgets its lists when the process ends, so its sync state goes to a throw-away file by default.
        string? statePath = args.Get("state");
        string? temporaryState = statePath is null && destination.Emulator is not null
            ? Path.Combine(Path.GetTempPath(), $"klaviyo-list-sync-{Guid.NewGuid():N}.db")
            : null;
        statePath ??= temporaryState ?? DefaultStatePath;
        try
        {
            var store = new SqliteListSyncStateStore(new SqliteListSyncStateStoreOptions { DatabasePath = statePath });
            var target = new KlaviyoListSyncTarget(new KlaviyoClient(options));
            var sync = new KlaviyoListSync(store, new ListSyncTargetProvider(CredentialName, target));

            await sync.RegisterConnectorAsync(new ListSyncConnectorRegistration { SegmentId = segmentId, ListId = listId, CredentialName = CredentialName }, cancellationToken);
            await sync.ActivateAsync(segmentId, listId, cancellationToken);
            await Console.Error.WriteLineAsync($"Syncing {members} into list {listId} on {destination.Description}; state in {statePath}.");

            ListSyncResult result;
            try
            {
                var runOptions = new ListSyncRunOptions { TakeOverLease = args.Has("take-over") };
                result = await sync.SyncAsync(segmentId, listId, MemberFileReader.ReadAsync(members, cancellationToken), runOptions, cancellationToken);
            }
            catch (MemberFileException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            SyncResultPrinter.Print(output, result, destination.Description);
            if (destination.Emulator is { } emulator)
            {
                output.WriteLine($"Emulator list {listId} now has {emulator.GetListMembers(listId).Count:N0} profiles.");
            }

            return SyncResultPrinter.Succeeded(result) ? 0 : 1;
        }
        finally
        {
            if (temporaryState is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (string file in new[] { temporaryState, temporaryState + "-wal", temporaryState + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static string ChooseList(string? listId, DeliveryTarget destination, string segmentId, TextWriter output)
    {
        if (listId is not null)
        {
            return listId;
        }

        if (destination.Emulator is null)
        {
            throw new UsageException("sync-list needs --list ID against Klaviyo (6 characters, case-sensitive; copy it from the list's URL).");
        }

        var list = destination.Emulator.CreateList("Segment " + segmentId);
        output.WriteLine($"Created emulator list {list.Id} (\"{list.Name}\").");
        return list.Id;
    }
}
