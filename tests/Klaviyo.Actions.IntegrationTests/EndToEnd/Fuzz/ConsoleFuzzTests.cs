using System.Text.Json;
using Klaviyo.Actions.ConsoleApp.Commands;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Fuzz;

/// <summary>
/// Issue 14's fuzz run through the console, in-process as <see cref="Console.ConsoleSendTests"/> runs it: the first
/// 1,000 generated inputs written as a JSON-lines file and sent to the built-in emulator with <c>--report</c>. The run
/// ends, and the report holds exactly one entry per non-blank line (the reader skips blank lines), each input position
/// once. Kept small and apart: the console's entry point may change under it.
/// </summary>
public class ConsoleFuzzTests
{
    private const int Inputs = 1_000;

    [Test]
    public async Task Send_reports_one_entry_per_generated_line()
    {
        var corpus = MalformedInputCorpus.Generate(Inputs);
        string directory = Directory.CreateTempSubdirectory("klaviyo-fuzz-").FullName;
        string events = Path.Combine(directory, "fuzz.jsonl");
        string report = Path.Combine(directory, "report.json");
        try
        {
            await File.WriteAllLinesAsync(events, corpus.Select(i => i.Text));
            using var output = new StringWriter();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

            int exitCode = await SendCommand.RunAsync(CommandArguments.Parse([events, "--report", report]), output, timeout.Token);

            using var entries = JsonDocument.Parse(await File.ReadAllBytesAsync(report));
            var indexes = entries.RootElement.EnumerateArray().Select(e => e.GetProperty("index").GetInt32()).ToList();
            int lines = corpus.Count(i => !i.IsBlank);
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.AnyOf(0, 1), output.ToString());
                Assert.That(indexes, Has.Count.EqualTo(lines), "one report entry per non-blank line");
                Assert.That(indexes.Distinct().Count(), Is.EqualTo(lines), "each line reported once");
                Assert.That(output.ToString(), Does.Not.Contain("@example.com"));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
