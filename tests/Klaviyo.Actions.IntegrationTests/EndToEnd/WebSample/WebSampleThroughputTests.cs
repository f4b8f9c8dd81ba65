using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.WebSample.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>
/// Routing never waits for Klaviyo: with a batch delay of an hour, every message is routed at once and waits in the
/// queue, and one flush then sends them (the tracks in one full request).
/// </summary>
public class WebSampleThroughputTests
{
    private const int Users = 5;
    private const int Messages = 200;

    private WebSampleFactory _factory = null!;

    [SetUp]
    public void StartSample() => _factory = new WebSampleFactory(new Dictionary<string, string>
    {
        ["Klaviyo:Batching:MaxDelay"] = "01:00:00",
        ["Klaviyo:Batching:TrackImportJobs"] = "false",
    });

    [TearDown]
    public async Task StopSample() => await _factory.DisposeAsync();

    [Test]
    [CancelAfter(60_000)]
    public async Task Messages_are_routed_without_waiting_for_the_batch_delay_and_one_flush_sends_full_requests()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        var ct = TestContext.CurrentContext.CancellationToken;
        var delivery = _factory.Services.GetRequiredService<KlaviyoBatcher>();

        using var response = await client.PostAsync("/v1/batch", WebSampleIngestionTests.Json(Batch()), ct);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));

        // Every mapping of the sample batches: routing hands everything over and nothing is sent before the flush.
        using (var routed = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _factory.Services.GetRequiredService<IngestionQueue>().WaitForRoutedAsync(Messages, routed.Token);
        }

        Assert.That(delivery.QueueLength, Is.EqualTo(Messages), "every action is queued (a user's later upserts wait behind the first)");
        Assert.That(_factory.Emulator.RequestLog.Count(r => r.Method == "POST"), Is.Zero, "nothing is sent before the flush");

        await delivery.FlushAsync(ct);
        await _factory.WaitForIdleAsync();
        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats", ct));

        Assert.Multiple(() =>
        {
            Assert.That(stats.RootElement.GetProperty("routed").GetInt64(), Is.EqualTo(Messages));
            Assert.That(_factory.Emulator.Profiles, Has.Count.EqualTo(Users));
            Assert.That(_factory.Emulator.Events, Has.Count.EqualTo(Messages / 2));
            Assert.That(_factory.Emulator.RequestLog.Count(r => r.Path == "/api/event-bulk-create-jobs"), Is.EqualTo(1), "tracks are events: not held back by person order");
        });
    }

    /// <summary>Identify and track calls of a few users, alternating, so each user's messages queue behind each other.</summary>
    private static string Batch()
    {
        var batch = new StringBuilder("""{"batch":[""");
        for (int i = 0; i < Messages; i++)
        {
            int user = i % Users;
            batch.Append(i == 0 ? "" : ",");
            batch.Append(i % 2 == 0
                ? $$$"""{"type":"identify","messageId":"tp-{{{i}}}","userId":"tp-user-{{{user}}}","traits":{"email":"tp{{{user}}}@shop-demo.test","first_name":"U{{{user}}}"}}"""
                : $$$"""{"type":"track","event":"Viewed","messageId":"tp-{{{i}}}","userId":"tp-user-{{{user}}}","properties":{"email":"tp{{{user}}}@shop-demo.test"}}""");
        }

        return batch.Append("]}").ToString();
    }
}
