using Klaviyo.Actions.Testing;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>README "Quick start per action" and "Test your app against the emulator", run against the emulator.</summary>
public class ReadmeSnippetTests
{
    /// <summary>README "Quick start per action", with the emulator's client in place of the real-Klaviyo one.</summary>
    private static async Task QuickStart(KlaviyoClient emulatorClient)
    {
        // README:begin Quick start per action
        var client = emulatorClient; // README: var client = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = Environment.GetEnvironmentVariable("KLAVIYO_API_KEY") });

        // A list to work with (or use the id of one you have).
        var list = await client.CreateListAsync("Winter Sale");

        // Upsert Profile: POST /api/profile-import; a 409 duplicate_profile updates the profile Klaviyo names.
        // Unset properties are left alone; null clears the field in Klaviyo.
        await client.UpsertProfileAsync(new UpsertProfileRequest
        {
            Email = "jane@example.com", PhoneNumber = "415 555 2671", CountryCode = "US",   // sent as +14155552671
            FirstName = "Jane", Title = null,                                             // Title is cleared
            Location = new ProfileLocation { City = "San Francisco" },
            Properties = new Dictionary<string, object?> { ["plan"] = "premium" },
            ListId = list.Id,                                                            // then added to this list
        });

        // Track Event: unique_id defaults to a stable hash of the event, so a retry never records it twice.
        await client.TrackEventAsync(new TrackEventRequest
        {
            Profile = new EventProfile { Email = "jane@example.com" },
            MetricName = "Viewed Product",
            Properties = new Dictionary<string, object?> { ["sku"] = "SKU-1", ["price"] = 49.99m },
            Time = DateTimeOffset.UtcNow,
        });

        // Order Completed: the order event, then one "Ordered Product" event per product with stable ids.
        await client.TrackOrderCompletedAsync(new OrderCompletedRequest
        {
            Profile = new EventProfile { Email = "jane@example.com" },
            Properties = new Dictionary<string, object?> { ["order_id"] = "ord-1" },
            Value = 25m, UniqueId = "ord-1",
            Products = [new OrderProduct { ProductId = "p-1", Name = "Monopoly", Price = 19m, Quantity = 1 }],
        });

        // Subscribe / Unsubscribe Profile (consent). custom_source defaults to "-59" (Segment).
        await client.SubscribeProfileAsync(new SubscribeProfileRequest { Email = "jane@example.com", ListId = list.Id });
        await client.UnsubscribeProfileAsync(new UnsubscribeProfileRequest { PhoneNumber = "+14155552671" });

        // Add Profile to List / Remove Profile from List / Remove Profile (removes from a list; profiles are not deleted).
        await client.AddProfileToListAsync(new AddProfileToListRequest { ListId = list.Id, Email = "jane@example.com" });
        await client.RemoveProfileFromListAsync(new RemoveProfileFromListRequest { ListId = list.Id, Email = "jane@example.com" });
        await client.RemoveProfileAsync(new RemoveProfileRequest { ListId = list.Id, ExternalId = "user-123" });

        // Destination-level calls
        await client.GetAccountAsync();                                               // validates the key
        await client.RequestProfileDeletionAsync(new ProfileDeletionRequest { Email = "jane@example.com" });
        var same = await client.FindListsByNameAsync("Winter Sale");                  // follows every page
        // README:end
        Assert.That(same.Select(l => l.Id), Does.Contain(list.Id));
    }

    [Test]
    public async Task The_quick_start_runs_as_written_against_the_emulator()
    {
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var client = new KlaviyoClient(new KlaviyoClientOptions { BaseAddress = emulator.BaseAddress, ApiKey = emulator.ApiKey });

        await QuickStart(client);

        Assert.Multiple(() =>
        {
            Assert.That(emulator.Lists.Select(l => l.Name), Is.EqualTo(new[] { "Winter Sale" }));
            Assert.That(emulator.DeletionRequests, Has.Count.EqualTo(1), "the quick start ends by requesting Jane's deletion");
        });
    }

    [Test]
    public async Task The_emulator_snippet_runs_as_written()
    {
        // README:begin Test your app against the emulator
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions { TimeProvider = time });
        var client = new KlaviyoClient(new KlaviyoClientOptions { BaseAddress = emulator.BaseAddress, ApiKey = emulator.ApiKey });

        await client.UpsertProfileAsync(new UpsertProfileRequest { Email = "ada@example.org", FirstName = "Ada" });
        Assert.That(emulator.FindProfileByEmail("ada@example.org")?.FirstName, Is.EqualTo("Ada"));

        emulator.Faults.FailNext(EmulatorFaultKind.Throttle);                  // next call: 429 + Retry-After
        emulator.RateLimiting.Enabled = true;                                  // Klaviyo's per-endpoint limits
        time.Advance(TimeSpan.FromSeconds(1));                                 // moves import jobs along
        emulator.Reset();                                                      // between tests
        // README:end
    }
}
