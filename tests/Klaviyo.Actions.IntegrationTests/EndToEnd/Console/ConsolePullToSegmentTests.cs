using Klaviyo.Actions.ConsoleApp.Commands;
using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary><c>pull-to-segment</c>: its options, and a run against the emulator that has nothing new to send.</summary>
public class ConsolePullToSegmentTests
{
    private static CommandArguments Args(params string[] args) => CommandArguments.Parse(args, "rate-limits", "only-destination-profiles", "no-profiles");

    [Test]
    public void The_command_line_becomes_the_syncs_options()
    {
        var options = PullToSegmentCommand.ReadOptions(Args(
            "--write-key", "wk", "--segment-host", "eu", "--since", "2026-12-01T00:00:00Z", "--metrics", "Placed Order, Viewed Product",
            "--metric-ids", "AbC123", "--source-of-truth", "segment", "--only-destination-profiles", "--sync-name", "shop"));

        Assert.Multiple(() =>
        {
            Assert.That(options.Segment.EffectiveBaseAddress, Is.EqualTo(SegmentTrackingOptions.EuBaseAddress));
            Assert.That(options.Since, Is.EqualTo(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(options.MetricNames, Is.EqualTo(new[] { "Placed Order", "Viewed Product" }));
            Assert.That(options.MetricIds, Is.EqualTo(new[] { "AbC123" }));
            Assert.That(options.SourceOfTruth, Is.EqualTo(KlaviyoToSegmentSourceOfTruth.Segment));
            Assert.That(options.OnlyProfilesUpdatedByDestination, Is.True);
            Assert.That(options.SyncName, Is.EqualTo("shop"));
            Assert.That(PullToSegmentCommand.ReadOptions(Args("--write-key", "wk", "--segment-host", "http://localhost:5080/")).Segment.EffectiveBaseAddress.Port, Is.EqualTo(5080));
        });
    }

    [TestCase("--segment-host", "mars", "--segment-host")]
    [TestCase("--since", "last tuesday", "--since")]
    [TestCase("--source-of-truth", "both", "--source-of-truth")]
    public void Bad_values_are_usage_errors(string option, string value, string named)
    {
        var ex = Assert.Throws<UsageException>(() => PullToSegmentCommand.ReadOptions(Args("--write-key", "wk", option, value)));
        Assert.That(ex!.Message, Does.Contain(named));
    }

    [Test]
    public async Task A_run_on_an_account_without_changes_completes_keeps_its_cursor_file_and_exits_0()
    {
        await using var emulator = await KlaviyoEmulator.StartAsync();
        string state = Path.Combine(Path.GetTempPath(), $"klaviyo-to-segment-{Guid.NewGuid():N}.db");
        using var output = new StringWriter();
        try
        {
            int exitCode = await PullToSegmentCommand.RunAsync(
                Args("--write-key", "wk", "--segment-host", "http://127.0.0.1:9/", "--api-key", emulator.ApiKey, "--base-url", emulator.BaseAddress.AbsoluteUri, "--state", state),
                output,
                CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero, output.ToString());
                Assert.That(output.ToString(), Does.StartWith("Completed."));
                Assert.That(output.ToString(), Does.Match(@"profiles\s+read\s+0\s+identify sent\s+0"));
                Assert.That(File.Exists(state), Is.True);
                Assert.That(emulator.RequestLog.Select(r => r.Operation), Is.EqualTo(new[] { "get_profiles" }));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string file in new[] { state, state + "-wal", state + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
