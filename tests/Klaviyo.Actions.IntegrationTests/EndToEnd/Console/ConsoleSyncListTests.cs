using Klaviyo.Actions.ConsoleApp.Commands;
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
}
