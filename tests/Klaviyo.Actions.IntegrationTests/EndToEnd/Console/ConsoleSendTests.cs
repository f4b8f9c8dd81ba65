using Klaviyo.Actions.ConsoleApp.Commands;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary>
/// The README's first command, in-process: <c>send samples/data/events.jsonl</c> to the built-in emulator, with its
/// summary read back. The per-action counts are fixed by the sample file; only the batched request counts and the
/// Engage list-removal split vary between runs (they depend on timing), so those are checked as sums.
/// </summary>
public class ConsoleSendTests
{
    [Test]
    public async Task Send_on_the_sample_file_reports_every_action_and_outcome_kind_and_exits_0()
    {
        string events = RepositoryPaths.SampleData("events.jsonl");
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        int exitCode = await SendCommand.RunAsync(CommandArguments.Parse([events], "rate-limits"), output, timeout.Token);

        var summary = SummaryTable.Parse(output.ToString());
        var rows = summary.Rows;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, summary.Text);
            Assert.That(summary.Headline, Is.EqualTo($"3000 events: {3000 - 184 - 123 - 35} accepted, 0 failed, 158 invalid, 0 unreadable, 184 matched no mapping."));
            Assert.That(summary.Text, Does.Contain("Target: the built-in Klaviyo emulator at ").And.Not.Contain("Delivered"));
            Assert.That(rows["upsertProfile"], Is.EqualTo(new SummaryRow(889, 766, 766, 123, 0, 0)));
            Assert.That(rows["trackEvent"] with { Requests = 0 }, Is.EqualTo(new SummaryRow(852, 0, 817, 35, 0, 0)), "track events go through the queue");
            Assert.That(rows["orderCompleted"], Is.EqualTo(new SummaryRow(409, 1233, 409, 0, 0, 0)), "one order event plus one per product");
            Assert.That(rows["subscribeProfile"], Is.EqualTo(new SummaryRow(230, 230, 230, 0, 0, 0)));
            Assert.That(rows["unsubscribeProfile"], Is.EqualTo(new SummaryRow(102, 102, 102, 0, 0, 0)));
            Assert.That(rows["addProfileToList"] with { Requests = 0 }, Is.EqualTo(new SummaryRow(302, 0, 302, 0, 0, 0)));
            Assert.That(rows["removeProfileFromList"] with { Requests = 0 }, Is.EqualTo(new SummaryRow(32, 0, 32, 0, 0, 0)), "exits follow entries, so the list exists");
            Assert.That(rows["total"].Matched, Is.EqualTo(2816));
            Assert.That(rows["total"].Rejected + rows["total"].Failed, Is.Zero);
            Assert.That(rows["(batched) events"].Requests, Is.InRange(1, 852), "852 track events in far fewer bulk requests");
            Assert.That(summary.Reasons["upsertProfile: invalid profile: identifier_required"], Is.EqualTo(44));
            Assert.That(summary.Reasons["upsertProfile: invalid email: email_format"], Is.EqualTo(43));
            Assert.That(summary.Reasons["upsertProfile: invalid phone_number: phone_e164"], Is.EqualTo(36));
            Assert.That(summary.Reasons["trackEvent: invalid metric_name: max_length"], Is.EqualTo(35));
            Assert.That(summary.Text, Does.Not.Contain("@"), "no email address in the summary");
        });
    }
}
