using System.Text.Json;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>
/// A storm of 429s with Retry-After from the emulator, resolved by the client's resilience pipeline on a fake
/// clock: every call is eventually accepted, none is retried before Retry-After has passed.
/// </summary>
public class ThrottleStormTests
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    [Test]
    public async Task Concurrent_calls_through_a_429_storm_are_all_accepted_after_waiting_out_retry_after()
    {
        const int Calls = 20;
        const int Throttled = 45; // more than one round: most calls are refused two or three times
        var clock = new RetryDelayClock(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero), RetryAfter);
        await using var emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions { TimeProvider = clock });
        emulator.Faults.RetryAfter = RetryAfter;
        emulator.Faults.FailNext(EmulatorFaultKind.Throttle, Throttled, "/api/events");
        var client = new KlaviyoClient(
            new KlaviyoClientOptions { ApiKey = emulator.ApiKey, BaseAddress = emulator.BaseAddress, RateLimiting = { Enabled = false } },
            timeProvider: clock);

        var calls = Enumerable.Range(0, Calls).Select(i => client.TrackEventAsync(new TrackEventRequest
        {
            Profile = new EventProfile { Email = $"storm{i}@shop-demo.test" },
            MetricName = "Storm Tested",
            Time = clock.GetUtcNow().AddMinutes(-1),
            UniqueId = "storm-" + i,
        })).ToList();
        var all = Task.WhenAll(calls);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, clock.SomeoneWaiting).WaitAsync(guard.Token);
            if (!all.IsCompleted)
            {
                clock.AdvancePastWaiters();
            }
        }

        await all;
        var log = emulator.RequestLog.Where(r => r.Path == "/api/events").OrderBy(r => r.Sequence).ToList();
        var attemptsByEvent = log.GroupBy(r => UniqueIdOf(r.Body)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Multiple(() =>
        {
            Assert.That(emulator.Events.Select(e => e.UniqueId).Order(StringComparer.Ordinal), Is.EqualTo(Enumerable.Range(0, Calls).Select(i => "storm-" + i).Order(StringComparer.Ordinal)));
            Assert.That(log.Count(r => r.StatusCode == 429), Is.EqualTo(Throttled), "every injected 429 was met");
            Assert.That(log.Count(r => r.StatusCode == 202), Is.EqualTo(Calls), "each call accepted exactly once");
            Assert.That(clock.WatchedTimersCreated, Is.GreaterThanOrEqualTo(Throttled), "each 429 was waited out for Retry-After");
            Assert.That(attemptsByEvent.Values.Max(a => a.Count), Is.GreaterThanOrEqualTo(3), "the storm outlasted a single retry");
            foreach (var (uniqueId, attempts) in attemptsByEvent)
            {
                for (int i = 1; i < attempts.Count; i++)
                {
                    Assert.That(attempts[i].Timestamp - attempts[i - 1].Timestamp, Is.GreaterThanOrEqualTo(RetryAfter), $"{uniqueId} retried before Retry-After");
                }
            }
        });
    }

    private static string UniqueIdOf(string? body)
    {
        using var document = JsonDocument.Parse(body ?? "{}");
        return document.RootElement.GetProperty("data").GetProperty("attributes").GetProperty("unique_id").GetString()!;
    }
}
