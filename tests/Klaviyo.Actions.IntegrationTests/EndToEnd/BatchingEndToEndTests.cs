using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>The background queue and batch-flagged mappings against the emulator over loopback.</summary>
public class BatchingEndToEndTests : EmulatorFixture
{
    [Test]
    public async Task Host_drains_the_queue_on_shutdown_and_every_item_lands()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddKlaviyoActions(o =>
        {
            o.ApiKey = Emulator.ApiKey;
            o.BaseAddress = Emulator.BaseAddress;
            o.RateLimiting.Enabled = false;
            o.Batching.MaxDelay = TimeSpan.FromHours(1); // only the shutdown drain can send them
        }).AddBackgroundBatching();
        using var host = builder.Build();
        await host.StartAsync();

        var batcher = host.Services.GetRequiredService<IKlaviyoBatcher>();
        var handles = new List<Task<KlaviyoItemOutcome>>();
        for (int i = 0; i < 25; i++)
        {
            handles.Add(await batcher.EnqueueAsync(new TrackEventRequest
            {
                Profile = new EventProfile { Email = $"u{i}@shop-demo.test" },
                MetricName = "Product Viewed",
                Time = DateTimeOffset.UtcNow.AddMinutes(-1),
                UniqueId = "evt-" + i,
            }));
        }

        await host.StopAsync();

        var outcomes = await Task.WhenAll(handles);
        Assert.That(outcomes.Select(o => o.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
        Assert.That(Emulator.Events, Has.Count.EqualTo(25));
        Assert.That(Emulator.RequestLog.Count(r => r.Path == "/api/event-bulk-create-jobs"), Is.EqualTo(1), "25 events, one bulk request");
    }

    [Test]
    public async Task Destination_sends_batch_flagged_mappings_through_the_queue_with_per_event_outcomes()
    {
        var configuration = DestinationConfiguration.Parse("""
            { "settings": {}, "mappings": [ { "name": "Track", "action": "trackEvent", "trigger": "type = \"track\"", "useDefaults": true,
              "mapping": { "enable_batching": true, "profile": { "email": { "@path": "$.properties.email" } } } } ] }
            """);
        // The queue's max-delay timer runs on the client's clock: use the real one here (nothing waits on it for long).
        var client = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = Emulator.ApiKey, BaseAddress = Emulator.BaseAddress, RateLimiting = { Enabled = false } });
        await using var batcher = new KlaviyoBatcher(client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromMilliseconds(50) });
        var destination = new KlaviyoDestination(configuration, client, new KlaviyoDestinationOptions { Delivery = batcher });
        string now = Time.GetUtcNow().AddMinutes(-1).ToString("O");
        var events = Enumerable.Range(0, 40).Select(i =>
        {
            string email = i == 7 ? "broken" : $"u{i}@shop-demo.test";
            return $$$"""{"type":"track","event":"Viewed","messageId":"m{{{i}}}","userId":"u{{{i}}}","timestamp":"{{{now}}}","properties":{"email":"{{{email}}}"}}""";
        });

        var results = await destination.SendAllAsync(events.Select(SegmentEvent.Parse));

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(39));
        Assert.That(results[7].Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Invalid));
        Assert.That(Emulator.Events, Has.Count.EqualTo(39));
        Assert.That(Emulator.RequestLog.Count(r => r.Path == "/api/events"), Is.Zero, "no single-event calls");
    }
}
