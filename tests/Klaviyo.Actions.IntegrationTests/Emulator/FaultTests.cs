using System.Net;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Injected faults: throttling, server errors, HTML pages, dropped connections, latency, seeded rates.</summary>
public sealed class FaultTests : EmulatorTestBase
{
    private static string AnEvent(string uniqueId) => Payloads.Event("Viewed", """{"email":"a@shop.dev"}""", uniqueId);

    [Test]
    public async Task A_scheduled_throttle_answers_429_with_retry_after_and_processes_nothing()
    {
        Emulator.Faults.RetryAfter = TimeSpan.FromSeconds(7);
        Emulator.Faults.FailNext(EmulatorFaultKind.Throttle);
        using var throttled = await PostAsync("api/events", AnEvent("e1"));
        var error = await ErrorAsync(throttled, HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("throttled"));
            Assert.That(throttled.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(Emulator.Events, Is.Empty);
        });

        using var next = await PostAsync("api/events", AnEvent("e1"));
        await ExpectAsync(next, HttpStatusCode.Accepted);
        Assert.That(Emulator.Events, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Server_errors_for_the_next_requests_of_one_path()
    {
        Emulator.Faults.FailNext(EmulatorFaultKind.ServerError, count: 2, path: "/api/events");
        using var other = await GetAsync("api/accounts");
        using var first = await PostAsync("api/events", AnEvent("e1"));
        using var second = await PostAsync("api/events", AnEvent("e1"));
        using var third = await PostAsync("api/events", AnEvent("e1"));

        await ExpectAsync(other, HttpStatusCode.OK);
        var error = await ErrorAsync(first, HttpStatusCode.ServiceUnavailable);
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("service_unavailable"));
        await ErrorAsync(second, HttpStatusCode.ServiceUnavailable);
        await ExpectAsync(third, HttpStatusCode.Accepted);
        Assert.That(Emulator.Faults.PendingCount, Is.Zero);
    }

    [Test]
    public async Task Gateway_errors_come_back_as_html()
    {
        Emulator.Faults.FailNext(EmulatorFaultKind.ServerError, statusCode: 502);
        using var response = await GetAsync("api/accounts");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("<!DOCTYPE html>"));
    }

    [Test]
    public async Task Html_error_pages_look_like_a_cloudflare_challenge()
    {
        Emulator.Faults.FailNext(EmulatorFaultKind.HtmlError);
        using var response = await PostAsync("api/profile-import", """{"data":{"type":"profile","attributes":{"email":"a@shop.dev"}}}""");
        string body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(response.Headers.GetValues("cf-mitigated").Single(), Is.EqualTo("challenge"));
            Assert.That(body, Does.Contain("Cloudflare"));
            Assert.That(Emulator.Profiles, Is.Empty);
        });
    }

    [Test]
    public async Task A_dropped_connection_fails_the_call_and_the_next_one_succeeds()
    {
        Emulator.Faults.FailNext(EmulatorFaultKind.DropConnection);
        Assert.ThrowsAsync<HttpRequestException>(() => Http.PostAsync("api/events", Body(AnEvent("e1"))));
        using var next = await PostAsync("api/events", AnEvent("e1"));
        await ExpectAsync(next, HttpStatusCode.Accepted);
        var log = Emulator.RequestLog;
        Assert.Multiple(() =>
        {
            Assert.That(log[0].StatusCode, Is.Zero);
            Assert.That(log[0].Fault, Is.EqualTo(EmulatorFaultKind.DropConnection));
            Assert.That(log[1].StatusCode, Is.EqualTo(202));
        });
    }

    [Test]
    public async Task Latency_holds_the_answer_until_the_emulator_clock_moves()
    {
        Emulator.Faults.Latency = TimeSpan.FromSeconds(30);
        Time.ResetTimerSignal();
        var pending = GetAsync("api/accounts");
        await Time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(pending.IsCompleted, Is.False);

        Time.Advance(TimeSpan.FromSeconds(30));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        await ExpectAsync(response, HttpStatusCode.OK);
    }

    [Test]
    public async Task Rates_are_repeatable_with_a_seed()
    {
        async Task<List<int>> RunAsync()
        {
            Emulator.Faults.Seed = 7;
            Emulator.Faults.ThrottleRate = 0.3;
            Emulator.Faults.ServerErrorRate = 0.2;
            var statuses = new List<int>();
            for (int i = 0; i < 30; i++)
            {
                using var response = await GetAsync("api/accounts");
                statuses.Add((int)response.StatusCode);
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first, Does.Contain(429).And.Contain(503).And.Contain(200));
        });
    }

    [Test]
    public async Task Clear_stops_every_fault_and_the_inspection_api_is_never_faulted()
    {
        Emulator.Faults.ServerErrorRate = 1;
        using var failed = await GetAsync("api/accounts");
        using var inspection = await GetAsync("__emulator/profiles");
        await ExpectAsync(failed, HttpStatusCode.ServiceUnavailable);
        await ExpectAsync(inspection, HttpStatusCode.OK);

        Emulator.Faults.Clear();
        using var recovered = await GetAsync("api/accounts");
        await ExpectAsync(recovered, HttpStatusCode.OK);
    }

    [Test]
    public void Invalid_fault_settings_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.Faults.ThrottleRate = 1.5);
            Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.Faults.ServerErrorStatusCode = 404);
            Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.Faults.FailNext(EmulatorFaultKind.Throttle, 0));
            Assert.Throws<ArgumentException>(() => Emulator.Faults.FailNext(EmulatorFaultKind.Throttle, 1, "api/events"));
        });
    }
}
