using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Delivery;

/// <summary>
/// Delivery keeps each person's state-setting actions in arrival order, even when they are batched and meet in one
/// flush window: Klaviyo (the emulator, over loopback) ends in the state the events describe in order. The emulator
/// runs on the real clock with import jobs processed at once, and the client does not rate-limit itself, so nothing
/// here waits on time: every flush is the end of the input or the release of a person's next action.
/// </summary>
public class PersonOrderEndToEndTests
{
    private KlaviyoEmulator Emulator { get; set; } = null!;

    private KlaviyoClient Client { get; set; } = null!;

    [SetUp]
    public async Task StartEmulatorAsync()
    {
        Emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions
        {
            ImportJobQueuedTime = TimeSpan.Zero,
            ImportJobProcessingTime = TimeSpan.Zero,
            RequestLogCapacity = 10_000,
        });
        Client = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = Emulator.ApiKey, BaseAddress = Emulator.BaseAddress, RateLimiting = { Enabled = false } });
    }

    [TearDown]
    public async Task StopEmulatorAsync() => await Emulator.DisposeAsync();

    private static string Mappings(string listId) => $$"""
        { "settings": {}, "mappings": [
          { "name": "Identify", "action": "upsertProfile", "trigger": "type = \"identify\"",
            "mapping": { "enable_batching": true, "email": { "@path": "$.traits.email" } } },
          { "name": "Subscribe", "action": "subscribeProfile", "trigger": "type = \"track\" and event = \"Subscribe\"",
            "mapping": { "enable_batching": true, "email": { "@path": "$.properties.email" } } },
          { "name": "Unsubscribe", "action": "unsubscribeProfile", "trigger": "type = \"track\" and event = \"Unsubscribe\"",
            "mapping": { "enable_batching": true, "email": { "@path": "$.properties.email" } } },
          { "name": "Join", "action": "addProfileToList", "trigger": "type = \"track\" and event = \"Join\"",
            "mapping": { "enable_batching": true, "list_id": "{{listId}}", "email": { "@path": "$.properties.email" } } },
          { "name": "Leave", "action": "removeProfileFromList", "trigger": "type = \"track\" and event = \"Leave\"",
            "mapping": { "enable_batching": true, "list_id": "{{listId}}", "email": { "@path": "$.properties.email" } } }
        ] }
        """;

    [Test]
    public async Task A_subscribe_then_an_unsubscribe_in_one_flush_window_ends_unsubscribed()
    {
        var list = Emulator.CreateList("Order");
        await using var delivery = new KlaviyoBatcher(Client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromHours(1) });
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(Mappings(list.Id)), Client, new KlaviyoDestinationOptions { Delivery = delivery });
        string[] events =
        [
            """{"type":"identify","userId":"u1","messageId":"m1","traits":{"email":"ann@shop-demo.test"}}""",
            """{"type":"track","event":"Subscribe","userId":"u1","messageId":"m2","properties":{"email":"ann@shop-demo.test"}}""",
            """{"type":"track","event":"Unsubscribe","userId":"u1","messageId":"m3","properties":{"email":"ann@shop-demo.test"}}""",
        ];

        var results = await destination.SendAllAsync(events.Select(SegmentEvent.Parse)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(results.All(r => r.Succeeded), Is.True, string.Join("\n", results));
            Assert.That(Emulator.Profiles.Single().Consent.EmailMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Unsubscribed));
            Assert.That(SubscriptionRequests(), Is.EqualTo(new[] { "/api/profile-subscription-bulk-create-jobs", "/api/profile-subscription-bulk-delete-jobs" }));
        });
    }

    [Test]
    public async Task A_thousand_people_with_shuffled_events_end_as_their_own_events_say_in_order()
    {
        var list = Emulator.CreateList("Members");
        await using var delivery = new KlaviyoBatcher(Client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromHours(1) });
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(Mappings(list.Id)), Client, new KlaviyoDestinationOptions { Delivery = delivery });
        var random = new Random(1913);
        var people = Enumerable.Range(0, 1000).Select(i => new Person($"p{i}@shop-demo.test", Shuffle(random, ["Subscribe", "Unsubscribe", "Join", "Leave"]))).ToList();
        var events = Interleave(random, people).ToList();

        var results = await destination.SendAllAsync(events.Select(SegmentEvent.Parse)).WaitAsync(TimeSpan.FromMinutes(3));

        var profiles = Emulator.Profiles.ToDictionary(p => p.Email!, StringComparer.Ordinal);
        var members = Emulator.GetListMembers(list.Id).ToHashSet(StringComparer.Ordinal);
        var wrong = people.Where(p =>
        {
            var profile = profiles[p.Email];
            bool subscribed = profile.Consent.EmailMarketing.Status == EmulatedConsentStatus.Subscribed;
            return subscribed != p.EndsSubscribed || members.Contains(profile.Id) != p.EndsInList;
        }).Select(p => p.Email).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(5000));
            Assert.That(results.All(r => r.Succeeded), Is.True, string.Join("\n", results.Where(r => !r.Succeeded).Take(5)));
            Assert.That(profiles, Has.Count.EqualTo(1000));
            Assert.That(wrong, Is.Empty, "people whose final state is not the sequential result");
            Assert.That(Emulator.RequestLog.Count, Is.LessThan(200), "state actions still travel in bulk requests, a wave per step");
        });
    }

    [Test]
    public async Task A_mappings_batch_size_caps_its_bulk_requests()
    {
        await using var delivery = new KlaviyoBatcher(Client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromHours(1) });
        var configuration = DestinationConfiguration.Parse("""
            { "settings": {}, "mappings": [ { "name": "Track", "action": "trackEvent", "trigger": "type = \"track\"", "useDefaults": true,
              "mapping": { "enable_batching": true, "batch_size": 100, "profile": { "email": { "@path": "$.properties.email" } } } } ] }
            """);
        var destination = new KlaviyoDestination(configuration, Client, new KlaviyoDestinationOptions { Delivery = delivery });
        var events = Enumerable.Range(0, 1000).Select(i => SegmentEvent.Parse(
            $$$"""{"type":"track","event":"Viewed","userId":"u{{{i}}}","messageId":"m{{{i}}}","properties":{"email":"u{{{i}}}@shop-demo.test"}}"""));

        var results = await destination.SendAllAsync(events).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(results.All(r => r.Succeeded), Is.True);
            Assert.That(Emulator.Events, Has.Count.EqualTo(1000));
            Assert.That(Emulator.RequestLog.Count(r => r.Path == "/api/event-bulk-create-jobs"), Is.EqualTo(10));
        });
    }

    private string[] SubscriptionRequests() =>
        [.. Emulator.RequestLog.Select(r => r.Path).Where(p => p.StartsWith("/api/profile-subscription-bulk", StringComparison.Ordinal))];

    private static string[] Shuffle(Random random, string[] items)
    {
        random.Shuffle(items);
        return items;
    }

    /// <summary>Every person's events (identify first) in their order, people interleaved at random.</summary>
    private static IEnumerable<string> Interleave(Random random, List<Person> people)
    {
        var next = new int[people.Count];
        var open = Enumerable.Range(0, people.Count).ToList();
        int message = 0;
        while (open.Count > 0)
        {
            int pick = random.Next(open.Count);
            int who = open[pick];
            var person = people[who];
            int step = next[who]++;
            yield return step == 0
                ? $$$"""{"type":"identify","userId":"u{{{who}}}","messageId":"m{{{message++}}}","traits":{"email":"{{{person.Email}}}"}}"""
                : $$$"""{"type":"track","event":"{{{person.Steps[step - 1]}}}","userId":"u{{{who}}}","messageId":"m{{{message++}}}","properties":{"email":"{{{person.Email}}}"}}""";
            if (next[who] > person.Steps.Length)
            {
                open.RemoveAt(pick);
            }
        }
    }

    private sealed record Person(string Email, string[] Steps)
    {
        public bool EndsSubscribed => Array.LastIndexOf(Steps, "Subscribe") > Array.LastIndexOf(Steps, "Unsubscribe");

        public bool EndsInList => Array.LastIndexOf(Steps, "Join") > Array.LastIndexOf(Steps, "Leave");
    }
}
