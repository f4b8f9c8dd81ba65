using System.Diagnostics;
using Klaviyo.Actions.ConsoleApp.Commands;
using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Sync.Sqlite;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary>
/// The README's list-sync command, in-process: <c>sync-list --segment vip --members samples/data/segment-members.jsonl</c>
/// into the built-in emulator (a list created for the segment, SQLite state in a throw-away file), with its printout
/// read back.
/// </summary>
public class ConsoleSyncListTests
{
    [Test]
    public async Task Sync_list_on_the_sample_members_adds_every_member_to_the_list_and_exits_0()
    {
        string members = RepositoryPaths.SampleData("segment-members.jsonl");
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        int exitCode = await SyncListCommand.RunAsync(CommandArguments.Parse(["--segment", "vip", "--members", members], "rate-limits"), output, timeout.Token);

        string text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, text);
            Assert.That(text, Does.Match(@"Synced segment 'vip' into list \w{6} on .*: Completed"));
            Assert.That(text, Does.Match(@"members\s+200\b"));
            Assert.That(text, Does.Match(@"added\s+200\b"));
            Assert.That(text, Does.Match(@"removed\s+0\b"));
            Assert.That(text, Does.Match(@"failed\s+0\b"));
            Assert.That(text, Does.Contain("not personalisable (no email) 40"), "40 sample members have no email");
            Assert.That(text, Does.Contain("Status: Active"));
            Assert.That(text, Does.Contain("Last error: none"));
            Assert.That(text, Does.Match(@"Emulator list \w{6} now has 200 profiles\."));
            Assert.That(text, Does.Not.Contain("@"), "no email address in the printout");
        });
    }

    [Test]
    public async Task A_bad_members_file_syncs_nothing_and_exits_2()
    {
        string members = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"members-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(members, ["""{"userId":"u-1","email":"a@shop-demo.test"}""", """{"email":"no-user-id@shop-demo.test"}"""]);
        try
        {
            using var output = new StringWriter();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

            int exitCode = await SyncListCommand.RunAsync(CommandArguments.Parse(["--segment", "vip", "--members", members], "rate-limits"), output, timeout.Token);

            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(output.ToString(), Does.Not.Contain("Synced segment"));
        }
        finally
        {
            File.Delete(members);
        }
    }

    [Test]
    public async Task A_lease_held_by_a_live_run_is_reported_with_its_holder_and_take_over_takes_it()
    {
        await using var emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions { ImportJobQueuedTime = TimeSpan.FromMilliseconds(20), ImportJobProcessingTime = TimeSpan.FromMilliseconds(20) });
        var list = emulator.CreateList("VIP");
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"sync-lease-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string state = Path.Combine(folder, "state.db");
            string members = Path.Combine(folder, "members.jsonl");
            await File.WriteAllLinesAsync(members, ["""{"userId":"crm-1","email":"one@shop-demo.test"}""", """{"userId":"crm-2","email":"not an email"}"""]);
            string live = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}/nightly-job";
            await HoldLeaseAsync(state, list.Id, live);
            string[] args = ["--segment", "vip", "--members", members, "--list", list.Id, "--state", state, "--api-key", emulator.ApiKey, "--base-url", emulator.BaseAddress.ToString()];

            var (busyExit, busy) = await RunAsync(args);
            var (takeOverExit, takeOver) = await RunAsync([.. args, "--take-over"]);

            Assert.Multiple(() =>
            {
                Assert.That(busyExit, Is.EqualTo(1), busy);
                Assert.That(busy, Does.Contain(": AlreadyRunning in"));
                Assert.That(busy, Does.Contain($"held by worker 'nightly-job' (host {Environment.MachineName}, process {Environment.ProcessId}), until 20"));
                Assert.That(busy, Does.Contain("--take-over"));
                Assert.That(takeOverExit, Is.Zero, takeOver);
                Assert.That(takeOver, Does.Contain("Took the connector's lease over from worker 'nightly-job'"));
                Assert.That(takeOver, Does.Contain("malformed emails dropped (synced by external id) 1"));
                Assert.That(takeOver, Does.Not.Contain("@"), "no email address in the printout");
                Assert.That(emulator.GetListMembers(list.Id), Has.Count.EqualTo(2));
                Assert.That(emulator.FindProfileByExternalId("crm-2")!.Email, Is.Null);
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task A_lease_left_by_a_killed_run_on_this_machine_is_taken_over_without_waiting()
    {
        await using var emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions { ImportJobQueuedTime = TimeSpan.FromMilliseconds(20), ImportJobProcessingTime = TimeSpan.FromMilliseconds(20) });
        var list = emulator.CreateList("VIP");
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"sync-lease-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string state = Path.Combine(folder, "state.db");
            using var exited = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            await exited.StandardOutput.ReadToEndAsync();
            await exited.WaitForExitAsync();
            await HoldLeaseAsync(state, list.Id, $"{Environment.MachineName}/{exited.Id}/{Guid.NewGuid():N}/{Environment.MachineName}/{exited.Id}");

            var (exitCode, text) = await RunAsync(["--segment", "vip", "--members", RepositoryPaths.SampleData("segment-members.jsonl"), "--list", list.Id, "--state", state,
                "--api-key", emulator.ApiKey, "--base-url", emulator.BaseAddress.ToString()]);

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero, text);
                Assert.That(text, Does.Contain($"Took the connector's lease over from host {Environment.MachineName}, process {exited.Id}, until "));
                Assert.That(emulator.GetListMembers(list.Id), Has.Count.EqualTo(200));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Registers the console's connector in the state file and gives its lease to <paramref name="owner"/> for an hour.</summary>
    private static async Task HoldLeaseAsync(string state, string listId, string owner)
    {
        var store = new SqliteListSyncStateStore(new SqliteListSyncStateStoreOptions { DatabasePath = state });
        await store.CreateOrUpdateConnectorAsync(new ListSyncConnectorRegistration { SegmentId = "vip", ListId = listId, CredentialName = "console", InitialStatus = ListSyncConnectorStatus.Active }, default);
        Assert.That(await store.TryAcquireLeaseAsync("vip", listId, owner, TimeSpan.FromHours(1), default), Is.Not.Null);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        int exitCode = await SyncListCommand.RunAsync(CommandArguments.Parse(args, "rate-limits", "take-over"), output, timeout.Token);
        return (exitCode, output.ToString());
    }
}
