using System.CommandLine;
using Klaviyo.Actions.ConsoleApp.Cli;
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
internal sealed class SyncListCommand : Command
{
    /// <summary>The credential name the console registers its one client under.</summary>
    private const string CredentialName = "console";

    /// <summary>The state file used against Klaviyo when <c>--state</c> is not given.</summary>
    private const string DefaultStatePath = "klaviyo-list-sync.db";

    private readonly Option<string> _segment = new("--segment") { Description = "The segment's id (names the connector and its state).", HelpName = "ID", Required = true };

    private readonly Option<string> _members = new("--members")
    {
        Description = "The segment's full membership, JSON lines: userId, email, phone, externalId.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string?> _list = new("--list")
    {
        Description = "The Klaviyo list id (6 characters, case-sensitive). On the emulator a new list is created when omitted.",
        HelpName = "ID",
    };

    private readonly Option<string?> _state = new("--state")
    {
        Description = "SQLite state file (default klaviyo-list-sync.db; a temporary file on the emulator).",
        HelpName = "PATH",
    };

    private readonly Option<string?> _apiKey = new("--api-key") { Description = "Klaviyo private key (or KLAVIYO_API_KEY). Without a key the built-in emulator is used.", HelpName = "KEY" };

    private readonly Option<string?> _baseUrl = new Option<string?>("--base-url")
    {
        Description = "Another Klaviyo-compatible address, e.g. an emulator started by `emulate` (needs a key).",
        HelpName = "URL",
    }.AbsoluteUrl("http://127.0.0.1:8080/");

    private readonly Option<bool> _rateLimits = new("--rate-limits") { Description = "Apply Klaviyo's rate limits on the built-in emulator too (client and server)." };

    private readonly Option<bool> _takeOver = new("--take-over") { Description = "Take the connector's lease from another run you know is gone." };

    public SyncListCommand()
        : base("sync-list", "Sync a segment's membership into a Klaviyo list once (state in SQLite; a killed run's lease on this machine is taken over at once).")
    {
        Add(_segment);
        Add(_members);
        Add(_list);
        Add(_state);
        Add(_apiKey);
        Add(_baseUrl);
        Add(_rateLimits);
        Add(_takeOver);
        SetAction((parse, cancellationToken) => RunAsync(Read(parse), parse.InvocationConfiguration.Output, cancellationToken));
    }

    /// <summary>The in-process entry point tests use: <paramref name="args"/> are the words after <c>sync-list</c>.</summary>
    public static Task<int> RunAsync(CommandArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var command = new SyncListCommand();
        return RunAsync(command.Read(args.ParseFor(command)), output, cancellationToken);
    }

    private SyncListSettings Read(ParseResult parse) => new(
        parse.GetRequiredValue(_segment),
        parse.GetRequiredValue(_members),
        parse.GetValue(_list),
        parse.GetValue(_state),
        parse.GetValue(_apiKey),
        parse.GetValue(_baseUrl),
        parse.GetValue(_rateLimits),
        parse.GetValue(_takeOver));

    private static async Task<int> RunAsync(SyncListSettings args, TextWriter output, CancellationToken cancellationToken)
    {
        string segmentId = args.Segment;
        string members = args.Members;
        if (!File.Exists(members))
        {
            throw new UsageException($"No such file: {members}");
        }

        await using var destination = await DeliveryTarget.CreateAsync(args.ApiKey, args.BaseUrl, cancellationToken);
        string listId = ChooseList(args.List, destination, segmentId, output);
        var options = destination.Options;
        if (destination.Emulator is not null)
        {
            // The emulator does not limit unless asked; with --rate-limits both sides apply Klaviyo's limits.
            destination.Emulator.RateLimiting.Enabled = args.RateLimits;
            options.RateLimiting.Enabled = args.RateLimits;
            options.Batching.JobPollInterval = TimeSpan.FromMilliseconds(250);
        }

        // The emulator forgets its lists when the process ends, so its sync state goes to a throw-away file by default.
        string? statePath = args.State;
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
                var runOptions = new ListSyncRunOptions { TakeOverLease = args.TakeOver };
                result = await sync.SyncAsync(segmentId, listId, MemberFileReader.ReadAsync(members, cancellationToken), runOptions, cancellationToken);
            }
            catch (MemberFileException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return ExitCodes.UsageOrKeyRefused;
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
