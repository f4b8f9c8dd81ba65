using Klaviyo.Actions.ConsoleApp.Commands;
using Klaviyo.Actions.ConsoleApp.Delivery;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary>The console sends to real Klaviyo only with a key that can be one; a mapping file's placeholder is refused.</summary>
public class ConsoleApiKeyTests
{
    [TestCase("pk_live_...", false)]
    [TestCase("pk_…", false)]
    [TestCase("pk_0123456789abcdefghi", false)]
    [TestCase("pk_0123456789abcdef...ghij", false)]
    [TestCase("pk_0123456789 abcdefghij", false)]
    [TestCase("sk_0123456789abcdefghij", false)]
    [TestCase("pk_fake_0123456789abcdefgh", true)]
    public void A_private_key_is_pk_and_at_least_20_characters_without_an_ellipsis(string key, bool valid) =>
        Assert.That(DeliveryTarget.LooksLikePrivateKey(key), Is.EqualTo(valid));

    [Test]
    public void Send_refuses_the_readme_mapping_files_placeholder_key_with_a_usage_error()
    {
        Assume.That(Environment.GetEnvironmentVariable("KLAVIYO_API_KEY"), Is.Null, "a key in the environment is used instead of the file's");
        string mappings = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"placeholder-{Guid.NewGuid():N}.json");
        File.WriteAllText(mappings, """{ "settings": { "api_key": "pk_live_..." }, "mappings": [ { "name": "Order Completed", "action": "orderCompleted" } ] }""");
        try
        {
            using var output = new StringWriter();
            var error = Assert.ThrowsAsync<UsageException>(() => SendCommand.RunAsync(
                CommandArguments.Parse([RepositoryPaths.SampleData("events.jsonl"), "--mappings", mappings], "rate-limits"), output, CancellationToken.None));

            Assert.Multiple(() =>
            {
                Assert.That(error!.Message, Does.Contain("not a Klaviyo private key").And.Contain("placeholder").And.Contain("--api-key"));
                Assert.That(output.ToString(), Is.Empty, "nothing was sent");
            });
        }
        finally
        {
            File.Delete(mappings);
        }
    }
}

/// <summary>Without a terminal the console writes plain progress lines (the timer calls <c>WriteLine</c> every few seconds).</summary>
public class ConsoleProgressTests
{
    [Test]
    public async Task Without_a_terminal_progress_is_a_plain_line_and_complete_writes_the_last_one()
    {
        using var lines = new StringWriter();
        await using var progress = new Klaviyo.Actions.ConsoleApp.Reporting.ProgressReporter(10, lines, TimeProvider.System, startTimer: false);

        progress.Advance();
        progress.Advance();
        progress.WriteLine();
        progress.Advance();
        await progress.CompleteAsync();

        var written = lines.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(written, Has.Length.EqualTo(2));
            Assert.That(written[0], Does.StartWith("progress: 2/10 events, ").And.Contain("events/s").And.EndWith("s elapsed"));
            Assert.That(written[1], Does.StartWith("progress: 3/10 events, "));
            Assert.That(written, Has.None.Contain("\r"), "no terminal redraws");
            Assert.That(Klaviyo.Actions.ConsoleApp.Reporting.ProgressReporter.LineInterval, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(10)));
        });
    }
}
