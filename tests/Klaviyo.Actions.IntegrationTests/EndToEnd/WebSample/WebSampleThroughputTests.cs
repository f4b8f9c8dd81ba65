using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>
/// The web sample under more load than its concurrency: once every slot holds a message waiting on the batching queue,
/// the queue is flushed at once rather than after its delay. With a delay of an hour, a worker that left batched
/// actions to the delay would route nothing here; this one routes everything but the last slots' worth (those wait
/// for more traffic or the delay, as batching intends).
/// </summary>
public class WebSampleThroughputTests
{
    private const int Concurrency = 8;
    private const int Users = 5;
    private const int Messages = 200;

    private WebSampleFactory _factory = null!;

    [SetUp]
    public void StartSample() => _factory = new WebSampleFactory(new Dictionary<string, string>
    {
        ["WebSample:MaxConcurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Klaviyo:Batching:MaxDelay"] = "01:00:00",
        ["Klaviyo:Batching:TrackImportJobs"] = "false",
    });

    [TearDown]
    public async Task StopSample() => await _factory.DisposeAsync();

    [Test]
    [CancelAfter(60_000)]
    public async Task A_load_beyond_the_concurrency_is_routed_without_waiting_out_the_queue_delay()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        var ct = TestContext.CurrentContext.CancellationToken;

        using var response = await client.PostAsync("/v1/batch", WebSampleIngestionTests.Json(Batch()), ct);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));

        // Woken by the sample's own queue as outcomes arrive; with the one-hour delay nothing else could get there.
        await _factory.WaitForPendingAtMostAsync(Concurrency);
        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats", ct));
        long routed = stats.RootElement.GetProperty("routed").GetInt64();

        Assert.That(routed, Is.InRange(Messages - Concurrency, Messages));
        Assert.That(_factory.Emulator.Profiles, Has.Count.EqualTo(Users));
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
