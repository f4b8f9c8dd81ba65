using System.Text.Json;
using Klaviyo.Actions.ConsoleApp.Cli;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary>
/// The console tells what happened (issue 14): the report keeps a line's <c>messageId</c> even when the event could
/// not be read; a lone surrogate is invalid input, not a delivery failure; a key Klaviyo refuses stops the run at once
/// with exit code 2; the summary's first line counts events by what happened to them.
/// </summary>
public class ConsoleOutcomeTruthTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"console-truth-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task The_report_keeps_the_messageId_of_unreadable_and_invalid_lines_and_a_lone_surrogate_is_invalid_unicode()
    {
        string events = await WriteLinesAsync(
            """{"type":"track","event":"Great gift \ud83d","userId":"u1","messageId":"m-surrogate","properties":{"title":"Great gift \ud83d"},"context":{"traits":{"email":"a@shop-demo.test"}}}""",
            """{"type":"identify","userId":"u2","messageId":"m-broken","traits":{"email":"b@shop-demo.test"}""",
            """{"messageId":"m-deep","type":"track","event":"Deep","userId":"u3","properties":""" + new string('[', 200) + new string(']', 200) + "}",
            """{"type":"identify","messageId":"m-invalid","traits":{"email":"not-an-email"}}""",
            """{"type":"identify","userId":"u5","messageId":"m-ok","traits":{"email":"e@shop-demo.test"}}""");
        string report = Path.Combine(_folder, "report.json");

        var (exitCode, output, error) = await RunAsync("send", events, "--report", report);

        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var byIndex = written.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32());
        string? MessageId(int index) => byIndex[index].GetProperty("messageId").GetString();
        var surrogate = byIndex[0];
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, "bad input is reported, not a failed run: " + output + error);
            Assert.That(byIndex, Has.Count.EqualTo(5), "one report entry per line");
            Assert.That(Enumerable.Range(0, 5).Select(MessageId), Is.EqualTo(new[] { "m-surrogate", "m-broken", "m-deep", "m-invalid", "m-ok" }));
            Assert.That(surrogate.GetRawText(), Does.Contain("invalid_unicode"), "the lone surrogate is named as invalid input");
            Assert.That(surrogate.GetRawText(), Does.Not.Contain("\"failed\"").And.Not.Contain("transport"));
            Assert.That(output, Does.Not.Contain("failed transport"));
            Assert.That(SummaryTable.Parse(output).Headline, Does.StartWith("5 events: 1 accepted, ").And.Contain(" 0 failed,"));
        });
    }

    [Test]
    public async Task A_refused_api_key_stops_the_run_at_once_with_exit_code_2_and_never_prints_the_key()
    {
        const string wrongKey = "pk_test-not-a-key-wrong";
        var emulatorOptions = new KlaviyoEmulatorOptions();
        emulatorOptions.ValidApiKeys.Add("pk_test-not-a-key-right");

        // Each answer takes a while, so without the stop every one of the 400 identifies would be sent.
        emulatorOptions.Faults.Latency = TimeSpan.FromMilliseconds(200);
        await using var emulator = await KlaviyoEmulator.StartAsync(emulatorOptions);
        const int identifies = 400;
        string events = await WriteLinesAsync(Enumerable.Range(0, identifies)
            .Select(i => $$$"""{"type":"identify","userId":"u{{{i}}}","messageId":"m{{{i}}}","traits":{"email":"u{{{i}}}@shop-demo.test"}}""")
            .ToArray());
        string report = Path.Combine(_folder, "report.json");

        var (exitCode, output, error) = await RunAsync("send", events, "--api-key", wrongKey, "--base-url", emulator.BaseAddress.AbsoluteUri, "--report", report);

        var summary = SummaryTable.Parse(output);
        int reported = JsonDocument.Parse(await File.ReadAllTextAsync(report)).RootElement.GetArrayLength();
        int requests = emulator.RequestLog.Count;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output + error);
            Assert.That(error, Does.Contain("Klaviyo refused the API key (401"));
            Assert.That(summary.Headline, Does.Match(@"^\d+ events: 0 accepted, \d+ failed, 0 invalid, 0 unreadable, 0 matched no mapping\.$"));
            Assert.That(output, Does.Contain("Klaviyo refused the API key").And.Not.Contain("Delivered"));
            Assert.That(requests, Is.LessThanOrEqualTo(40), "only the requests already in flight when the first 401 came (32 concurrent sends)");
            Assert.That(emulator.RequestLog.Select(r => r.StatusCode), Is.All.EqualTo(401));
            Assert.That(summary.Rows["upsertProfile"].Accepted, Is.Zero);
            Assert.That(reported, Is.EqualTo(summary.Rows["total"].Matched), "every event read has its one outcome");
            Assert.That(output + error, Does.Not.Contain(wrongKey));
        });
    }

    private async Task<string> WriteLinesAsync(params string[] lines)
    {
        string path = Path.Combine(_folder, "events.jsonl");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        Assume.That(Environment.GetEnvironmentVariable("KLAVIYO_API_KEY"), Is.Null, "a key in the environment would be used instead of the emulator");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        int exitCode = await KlaviyoActionsCli.InvokeAsync(args, output, error, timeout.Token);
        return (exitCode, output.ToString(), error.ToString());
    }
}
