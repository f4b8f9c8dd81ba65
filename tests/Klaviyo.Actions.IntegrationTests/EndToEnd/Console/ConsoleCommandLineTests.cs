using Klaviyo.Actions.ConsoleApp.Cli;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary>
/// The command line on System.CommandLine, run in-process as the executable runs it (<see cref="KlaviyoActionsCli.InvokeAsync"/>):
/// help with the exit codes, exit code 2 with a message naming the option for bad input, and tab completion through
/// the <c>[suggest]</c> directive.
/// </summary>
public class ConsoleCommandLineTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        int exitCode = await KlaviyoActionsCli.InvokeAsync(args, output, error, timeout.Token);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public async Task Help_lists_every_command_and_the_exit_codes()
    {
        var (exitCode, output, _) = await RunAsync("--help");
        var (noCommandExit, noCommandOutput, _) = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            foreach (string command in new[] { "send", "emulate", "generate-events", "sync-list", "pull-to-segment", "completion" })
            {
                Assert.That(output, Does.Contain("\n  " + command), command);
            }

            Assert.That(output, Does.Contain("Exit codes:").And.Contain("130").And.Contain("Klaviyo refused the API key"));
            Assert.That(noCommandExit, Is.Zero, "no command shows the help");
            Assert.That(noCommandOutput, Is.EqualTo(output));
        });
    }

    [Test]
    public async Task A_commands_help_lists_its_options_and_the_exit_codes()
    {
        var (exitCode, output, _) = await RunAsync("emulate", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output, Does.Contain("--port").And.Contain("--api-key").And.Contain("--throttle").And.Contain("--retry-after").And.Contain("--latency-ms"));
            Assert.That(output, Does.Contain("Exit codes:"));
        });
    }

    [TestCase(new[] { "send", "--bogus", "events.jsonl" }, "--bogus")]
    [TestCase(new[] { "send" }, "send")]
    [TestCase(new[] { "emulate", "--throttle", "2" }, "--throttle takes a share of requests between 0 and 1")]
    [TestCase(new[] { "emulate", "--port", "eighty" }, "eighty")]
    [TestCase(new[] { "sync-list", "--members", "m.jsonl" }, "--segment")]
    [TestCase(new[] { "pull-to-segment", "--write-key", "wk", "--source-of-truth", "both" }, "--source-of-truth must be klaviyo or segment")]
    [TestCase(new[] { "send", "events.jsonl", "--base-url", "not a url" }, "--base-url must be an absolute URL")]
    [TestCase(new[] { "transmit" }, "transmit")]
    public async Task Bad_command_lines_exit_2_with_a_message_naming_the_problem(string[] args, string named)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain(named));
            Assert.That(error, Does.Contain("--help"), "points to the help");
            Assert.That(output, Is.Empty, "nothing ran");
        });
    }

    [Test]
    public async Task A_missing_file_is_a_usage_error()
    {
        var (exitCode, _, error) = await RunAsync("send", Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.jsonl"));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.StartWith("No such file: "));
        });
    }

    [Test]
    public async Task Tab_completion_suggests_commands_options_and_option_values()
    {
        string line = "klaviyo-actions s";
        var commands = await RunAsync($"[suggest:{line.Length}]", line);
        line = "klaviyo-actions pull-to-segment --source-of-truth ";
        var values = await RunAsync($"[suggest:{line.Length}]", line);
        line = "klaviyo-actions emulate --re";
        var options = await RunAsync($"[suggest:{line.Length}]", line);

        Assert.Multiple(() =>
        {
            Assert.That(Lines(commands.Output), Is.SupersetOf(new[] { "send", "sync-list" }).And.No.Contains("emulate"));
            Assert.That(Lines(values.Output), Is.EquivalentTo(new[] { "klaviyo", "segment" }));
            Assert.That(Lines(options.Output), Is.EquivalentTo(new[] { "--request-log", "--retry-after" }));
        });
    }

    [Test]
    public async Task The_completion_command_prints_a_bash_script_that_asks_the_suggest_directive()
    {
        var (exitCode, output, _) = await RunAsync("completion", "bash");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output, Does.Contain("[suggest:${COMP_POINT}]").And.Contain("complete -o default -F _klaviyo_actions_complete klaviyo-actions"));
        });
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
