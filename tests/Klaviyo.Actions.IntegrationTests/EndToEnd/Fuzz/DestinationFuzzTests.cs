using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Fuzz;

/// <summary>
/// Issue 14's fuzz run through the SDK: 10,000 generated inputs (seed <see cref="MalformedInputCorpus.Seed"/>) streamed
/// through <see cref="KlaviyoDestination.SendJsonAllAsync"/> with the web sample's mappings, delivered to the emulator
/// over loopback. Every input gets exactly one result, no exception escapes, unreadable inputs name the field and rule
/// their kind calls for, valid events are sent, and no reason quotes an email or phone number used as a key.
/// </summary>
public class DestinationFuzzTests
{
    private const int Inputs = 10_000;

    private const string Mappings = """
        {
          "settings": {},
          "mappings": [
            { "name": "Upsert Profile", "action": "upsertProfile", "useDefaults": true, "mapping": { "enable_batching": true } },
            { "name": "Track Event", "action": "trackEvent", "useDefaults": true, "mapping": { "enable_batching": true },
              "trigger": "type = \"track\" and event != \"Order Completed\"" },
            { "name": "Order Completed", "action": "orderCompleted" },
            { "name": "Subscribe Profile", "action": "subscribeProfile", "useDefaults": true, "mapping": { "enable_batching": true } }
          ]
        }
        """;

    [Test]
    public async Task Ten_thousand_generated_inputs_each_get_exactly_one_result()
    {
        var corpus = MalformedInputCorpus.Generate(Inputs);
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var client = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = emulator.ApiKey, BaseAddress = emulator.BaseAddress, RateLimiting = { Enabled = false } });
        await using var delivery = new KlaviyoBatcher(client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromMilliseconds(50) });
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(Mappings), client, new KlaviyoDestinationOptions { Delivery = delivery });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var results = new List<EventResult>(Inputs);
        await foreach (var result in destination.SendJsonAllAsync(Lines(corpus), timeout.Token))
        {
            results.Add(result);
        }

        var byIndex = results.GroupBy(r => r.Index).ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        foreach (var input in corpus)
        {
            if (!byIndex.TryGetValue(input.Index, out var mine) || mine.Count != 1)
            {
                problems.Add($"{input}: {mine?.Count ?? 0} results");
                continue;
            }

            problems.AddRange(FuzzExpectations.Check(input, mine[0]));
        }

        TestContext.Out.WriteLine(FuzzExpectations.Tally(corpus, results));
        Assert.Multiple(() =>
        {
            Assert.That(corpus, Has.Count.EqualTo(Inputs));
            Assert.That(results, Has.Count.EqualTo(Inputs));
            Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems.Take(20)));
            Assert.That(emulator.Events, Is.Not.Empty, "valid events reached Klaviyo");
        });
    }

    private static async IAsyncEnumerable<string?> Lines(IReadOnlyList<FuzzInput> corpus)
    {
        foreach (var input in corpus)
        {
            yield return input.Text;
        }

        await Task.CompletedTask;
    }
}
