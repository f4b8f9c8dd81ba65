using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>README "Coming from Segment": the mapping file as written (its list id swapped for a real one) and the C# that runs it.</summary>
public class ComingFromSegmentSnippetTests
{
    private static readonly string[] Events =
    [
        """{"type":"identify","messageId":"m-1","userId":"u-1","traits":{"email":"ada@example.org","first_name":"Ada"},"timestamp":"2026-12-01T09:00:00Z"}""",
        """{"type":"track","messageId":"m-2","userId":"u-1","event":"Product Viewed","context":{"traits":{"email":"ada@example.org"}},"properties":{"product_id":"sku-1","price":89.5},"timestamp":"2026-12-01T09:01:00Z"}""",
        """{"type":"track","messageId":"m-3","userId":"u-1","event":"Order Completed","context":{"traits":{"email":"ada@example.org"}},"properties":{"order_id":"o-1","total":105,"products":[{"product_id":"sku-1","price":89.5}]},"timestamp":"2026-12-01T09:02:00Z"}""",
    ];

    [Test]
    public async Task The_mapping_file_and_the_destination_send_every_event_to_the_emulator()
    {
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var list = emulator.CreateList("Newsletter");
        using var folder = new WorkingDirectory();
        string mappings = RepositoryFiles.Readme().Get("json", "Coming from Segment").Text.Replace("\"WxYz12\"", $"\"{list.Id}\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync("klaviyo-mappings.json", mappings);
        await File.WriteAllLinesAsync("events.jsonl", Events);
        var printed = new StringWriter();
        var console = Console.Out;
        Console.SetOut(printed);
        try
        {
            // README:begin Coming from Segment
            await using var file = File.OpenRead("klaviyo-mappings.json");
            var configuration = await DestinationConfiguration.LoadAsync(file);   // every problem, with its location
            var client = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = emulator.ApiKey, BaseAddress = emulator.BaseAddress }); // README: var client = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = configuration.ApiKey });
            await using var destination = new KlaviyoDestination(configuration, client);   // disposing drains its queue

            await foreach (var result in destination.SendJsonAllAsync(File.ReadLinesAsync("events.jsonl")))
                foreach (var outcome in result.Outcomes)
                    if (outcome is InvalidOutcome or FailedOutcome) Console.WriteLine($"#{result.Index} {outcome}");
            // README:end
            Assert.That(configuration.ApiKey, Is.EqualTo("pk_live_..."), "the file's key is read (the test sends to the emulator instead)");
        }
        finally
        {
            Console.SetOut(console);
        }

        var ada = emulator.FindProfileByExternalId("u-1");
        Assert.Multiple(() =>
        {
            Assert.That(printed.ToString(), Is.Empty, "no event was invalid or failed");
            Assert.That(ada?.Email, Is.EqualTo("ada@example.org"), "Identify Calls: external id from userId, on top of the defaults");
            Assert.That(emulator.GetListMembers(list.Id), Is.EqualTo(new[] { ada?.Id }), "Identify Calls: list_id");
            Assert.That(emulator.Events.Select(e => e.MetricName), Is.EquivalentTo(new[] { "Product Viewed", "Order Completed", "Ordered Product" }));
            Assert.That(emulator.Events.Single(e => e.MetricName == "Product Viewed").UniqueId, Is.EqualTo("m-2"), "Track Calls: unique_id from messageId");
        });
    }
}
