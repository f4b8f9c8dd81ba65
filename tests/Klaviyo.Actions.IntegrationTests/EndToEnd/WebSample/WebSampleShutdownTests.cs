using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>
/// Accepted means delivered or reported, through shutdown: with Klaviyo throttling (30% of requests 429 with
/// Retry-After 3 s, 300 ms latency), 5,000 accepted messages and a host stopped while they are delivered each end with exactly one
/// outcome (sent, invalid, or failed "not delivered before shutdown"), logged with its message id and counted; calls
/// during the drain get 503; the host stops within its shutdown timeout without an exception.
/// </summary>
public class WebSampleShutdownTests
{
    private const int Calls = 10;
    private const int PerCall = 500;

    [Test]
    [CancelAfter(120_000)]
    public async Task Every_accepted_message_ends_with_one_outcome_when_the_host_stops_mid_delivery()
    {
        var logs = new OutcomeLineCollector();
        await using var factory = new WebSampleFactory(
            new Dictionary<string, string>
            {
                ["Klaviyo:Batching:MaxDelay"] = "00:00:01",
                ["Klaviyo:Batching:TrackImportJobs"] = "false",
                ["Klaviyo:Batching:ShutdownDrainTimeout"] = "00:00:02",
            },
            logs);
        using var client = factory.CreateClient(WebSampleFactory.WriteKey);
        var faults = factory.Emulator.Faults;
        faults.Seed = 7;
        faults.ThrottleRate = 0.3;
        faults.RetryAfter = TimeSpan.FromSeconds(3);
        faults.Latency = TimeSpan.FromMilliseconds(300);

        var accepted = new List<string>();
        for (int call = 0; call < Calls; call++)
        {
            var (body, ids) = Batch(call);
            using var response = await client.PostAsync("/v1/batch", WebSampleIngestionTests.Json(body));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            accepted.AddRange(ids);
        }

        // Stopped at once, while delivery is throttled (.ci/check-shutdown.sh waits 2 s, with real processes).
        var host = factory.Host!;
        var shutdownTimeout = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout;
        var started = DateTimeOffset.UtcNow;
        var stopping = host.StopAsync(CancellationToken.None);
        var duringDrain = new List<HttpStatusCode>();
        while (!stopping.IsCompleted && duringDrain.Count < 5)
        {
            using var late = await client.PostAsync("/v1/batch", WebSampleIngestionTests.Json("""{"batch":[{"type":"track","event":"Late","userId":"late","messageId":"late"}]}"""));
            duringDrain.Add(late.StatusCode);
            Assert.That(late.Headers.RetryAfter, Is.Not.Null);
        }

        await stopping; // throws if any hosted service failed to stop
        var took = DateTimeOffset.UtcNow - started;
        var stats = factory.Services.GetRequiredService<Klaviyo.Actions.WebSample.Ingestion.IngestionStats>();
        var lines = logs.Lines.Where(l => l.MessageId is { } id && id.StartsWith("sd-", StringComparison.Ordinal)).ToList();
        var perMessage = lines.GroupBy(l => l.MessageId!).ToDictionary(g => g.Key, g => g.Count());

        Assert.Multiple(() =>
        {
            Assert.That(took, Is.LessThan(shutdownTimeout), "the drain ends inside the host's shutdown timeout");
            Assert.That(duringDrain, Is.Not.Empty.And.All.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(stats.Accepted, Is.EqualTo(Calls * PerCall));
            Assert.That(stats.Routed, Is.EqualTo(Calls * PerCall), "every accepted message is counted with its outcome");
            Assert.That(accepted.Where(id => !perMessage.ContainsKey(id)), Is.Empty, "accepted messages without an outcome line");
            Assert.That(perMessage.Where(p => p.Value != 1).Select(p => p.Key), Is.Empty, "messages logged more than once");
            Assert.That(lines.Count(l => l.Line.Contains("not delivered before shutdown", StringComparison.Ordinal)), Is.GreaterThan(0), "throttled this hard, some messages cannot be delivered in 2 s");
        });
    }

    private static (string Body, List<string> Ids) Batch(int call)
    {
        var ids = new List<string>(PerCall);
        var batch = new StringBuilder("""{"batch":[""");
        for (int i = 0; i < PerCall; i++)
        {
            int n = (call * PerCall) + i;
            string id = $"sd-{n}";
            ids.Add(id);
            batch.Append(i == 0 ? "" : ",");
            batch.Append(n % 2 == 0
                ? $$$"""{"type":"identify","messageId":"{{{id}}}","userId":"sd-user-{{{n}}}","traits":{"email":"sd{{{n}}}@shop-demo.test"}}"""
                : $$$"""{"type":"track","event":"Viewed","messageId":"{{{id}}}","userId":"sd-user-{{{n}}}","properties":{"email":"sd{{{n}}}@shop-demo.test"}}""");
        }

        return (batch.Append("]}").ToString(), ids);
    }
}
