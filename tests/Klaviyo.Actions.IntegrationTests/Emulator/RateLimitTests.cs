using System.Net;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Per-endpoint fixed windows (1 s burst, 1 min steady) on the emulator's clock, 429 with Retry-After, recovery.</summary>
public sealed class RateLimitTests : EmulatorTestBase
{
    protected override void Configure(KlaviyoEmulatorOptions options) => options.RateLimiting.Enabled = true;

    [Test]
    public async Task The_burst_window_allows_one_account_call_per_second()
    {
        using var first = await GetAsync("api/accounts");
        await ExpectAsync(first, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(first.Headers.GetValues("RateLimit-Limit").Single(), Is.EqualTo("15"));
            Assert.That(first.Headers.GetValues("RateLimit-Remaining").Single(), Is.EqualTo("14"));
            Assert.That(first.Headers.GetValues("RateLimit-Reset").Single(), Is.EqualTo("60"));
        });

        using var second = await GetAsync("api/accounts");
        var error = await ErrorAsync(second, HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("throttled"));
            Assert.That(error.GetProperty("detail").GetString(), Is.EqualTo("Request was throttled. Expected available in 1 second."));
            Assert.That(second.Headers.GetValues("Retry-After").Single(), Is.EqualTo("1"));
            Assert.That(second.Headers.Contains("RateLimit-Remaining"), Is.False);
        });

        Time.Advance(TimeSpan.FromSeconds(1));
        using var third = await GetAsync("api/accounts");
        await ExpectAsync(third, HttpStatusCode.OK);
    }

    [Test]
    public async Task The_steady_window_allows_15_account_calls_a_minute()
    {
        for (int i = 0; i < 15; i++)
        {
            using var allowed = await GetAsync("api/accounts");
            await ExpectAsync(allowed, HttpStatusCode.OK);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        using var refused = await GetAsync("api/accounts");
        await ErrorAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(45)));

        Time.Advance(TimeSpan.FromSeconds(44));
        using var stillRefused = await GetAsync("api/accounts");
        await ErrorAsync(stillRefused, HttpStatusCode.TooManyRequests);

        Time.Advance(TimeSpan.FromSeconds(1));
        using var recovered = await GetAsync("api/accounts");
        await ExpectAsync(recovered, HttpStatusCode.OK);
    }

    [Test]
    public async Task Each_endpoint_counts_separately_and_the_limits_can_change_at_runtime()
    {
        using var accounts = await GetAsync("api/accounts");
        using var accountsAgain = await GetAsync("api/accounts");
        using var profiles = await GetAsync("api/profiles");
        await ExpectAsync(accountsAgain, HttpStatusCode.TooManyRequests);
        await ExpectAsync(profiles, HttpStatusCode.OK);

        Emulator.RateLimiting.Large = new EmulatorRateLimit(2, 100);
        using var secondProfiles = await GetAsync("api/profiles");
        using var thirdProfiles = await GetAsync("api/profiles");
        await ExpectAsync(secondProfiles, HttpStatusCode.OK);
        await ExpectAsync(thirdProfiles, HttpStatusCode.TooManyRequests);

        Emulator.RateLimiting.Enabled = false;
        using var unlimited = await GetAsync("api/accounts");
        await ExpectAsync(unlimited, HttpStatusCode.OK);
    }

    [Test]
    public async Task Bulk_jobs_are_limited_to_10_per_second()
    {
        string body = Payloads.BulkEvents([Payloads.BulkRow("""{"email":"a@shop.dev"}""", Payloads.BulkEvent("Viewed"))]);
        for (int i = 0; i < 10; i++)
        {
            using var allowed = await PostAsync("api/event-bulk-create-jobs", body);
            await ExpectAsync(allowed, HttpStatusCode.Accepted);
        }

        using var refused = await PostAsync("api/event-bulk-create-jobs", body);
        await ErrorAsync(refused, HttpStatusCode.TooManyRequests);
        Time.Advance(TimeSpan.FromSeconds(1));
        using var recovered = await PostAsync("api/event-bulk-create-jobs", body);
        await ExpectAsync(recovered, HttpStatusCode.Accepted);
    }
}
