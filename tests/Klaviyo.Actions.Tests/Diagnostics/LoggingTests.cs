using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Diagnostics;

public class LoggingTests
{
    private const string Email = "jane.doe+vip@example.com";
    private const string Phone = "+15005550006";

    [Test]
    public async Task A_failing_and_retrying_call_never_logs_the_key_email_or_phone_at_any_level()
    {
        const string apiKey = "pk_live_0123456789abcdef0123456789abcdef";
        using var h = new TransportHarness(o => o.Resilience.MaxRetryAttempts = 2, apiKey);
        string echo = $$$"""{"errors":[{"status":500,"code":"error","title":"Server error","detail":"failed for {{{Email}}} / {{{Phone}}} with key {{{apiKey}}}"}]}""";
        h.Klaviyo
            .Then(HttpStatusCode.InternalServerError, echo)
            .ThenThrow(new HttpRequestException($"connection to https://a.klaviyo.com/api/profiles?filter=equals(email,\"{Email}\") failed"))
            .Then(HttpStatusCode.BadRequest, echo);
        string path = "api/profiles?filter=" + Uri.EscapeDataString($"any(email,[\"{Email}\"])") + "&phone=" + Uri.EscapeDataString(Phone);
        byte[] body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["data"] = new JsonObject { ["type"] = "profile", ["attributes"] = new JsonObject { ["email"] = Email, ["phone_number"] = Phone } },
        }.ToJsonString());

        var call = h.SendAsync(KlaviyoOperation.CreateOrUpdateProfile, HttpMethod.Post, path, body);
        h.Time.Advance(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)));
        await call.ThrowsAsync<KlaviyoApiException>();

        var records = h.LogCollector.GetSnapshot();
        Assert.That(records.Select(r => r.Level), Does.Contain(LogLevel.Debug).And.Contain(LogLevel.Warning).And.Contain(LogLevel.Error));
        foreach (var record in records)
        {
            string everything = Describe(record);
            Assert.Multiple(() =>
            {
                Assert.That(everything, Does.Not.Contain(apiKey).And.Not.Contain("0123456789abcdef"), "API key logged");
                Assert.That(everything, Does.Not.Contain("jane.doe").And.Not.Contain("example.com").And.Not.Contain("%40"), "email logged");
                Assert.That(everything, Does.Not.Contain("5005550006"), "phone logged");
                Assert.That(everything, Does.Not.Contain("filter"), "query logged");
                Assert.That(record.Exception, Is.Null, "exception objects may quote URIs and bodies");
            });
        }
    }

    [Test]
    public async Task Each_attempt_is_logged_at_debug_and_the_final_failure_at_error_with_stable_event_ids()
    {
        using var h = new TransportHarness(o => o.Resilience.MaxRetryAttempts = 1);
        h.Klaviyo.Then(HttpStatusCode.ServiceUnavailable);

        var call = h.SendAsync(KlaviyoOperation.GetList, HttpMethod.Get, "api/lists/Xy12?fields[list]=name");
        h.Time.Advance(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)));
        await call.ThrowsAsync<KlaviyoApiException>();

        var records = h.LogCollector.GetSnapshot();
        var attempts = records.Where(r => r.Id.Id == 1).ToList();
        var retry = records.Single(r => r.Id.Id == 3);
        var failure = records.Single(r => r.Id.Id == 7);

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Has.Count.EqualTo(2));
            Assert.That(attempts.Select(a => a.Level), Is.All.EqualTo(LogLevel.Debug));
            Assert.That(attempts[1].Message, Is.EqualTo("Klaviyo get_list GET /api/lists/Xy12 answered 503 in 0.0 ms (attempt 2)."));
            Assert.That(attempts[1].GetStructuredStateValue("Path"), Is.EqualTo("/api/lists/Xy12"));
            Assert.That(retry.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(retry.Id.Name, Is.EqualTo("KlaviyoRetryScheduled"));
            Assert.That(retry.GetStructuredStateValue("Outcome"), Is.EqualTo("503"));
            Assert.That(retry.GetStructuredStateValue("DelayMs"), Is.EqualTo("750"));
            Assert.That(retry.GetStructuredStateValue("Attempt"), Is.EqualTo("1"));
            Assert.That(failure.Level, Is.EqualTo(LogLevel.Error));
            Assert.That(failure.GetStructuredStateValue("Attempts"), Is.EqualTo("2"));
            Assert.That(failure.GetStructuredStateValue("ElapsedMs"), Is.EqualTo("750"));
        });
    }

    [Test]
    public async Task Long_rate_limiter_waits_are_warnings_and_short_ones_debug()
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(HttpStatusCode.NoContent);
        var body = Encoding.UTF8.GetBytes("{}");

        // S tier: 3 per second. The 4th call waits 1 s (warning); nothing here waits less.
        var calls = Enumerable.Range(0, 4).Select(_ => h.SendAsync(KlaviyoOperation.RequestProfileDeletion, HttpMethod.Post, "api/data-privacy-deletion-jobs", body)).ToList();
        await Task.WhenAll(calls.Take(3)).Settled();
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await calls[3].Settled();

        var waits = h.LogCollector.GetSnapshot().Where(r => r.Id.Id is 4 or 5).ToList();
        Assert.That(waits, Has.Count.EqualTo(1));
        Assert.That(waits[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(waits[0].Message, Does.Contain("request_profile_deletion waits 1000 ms").And.Contain("(3/s, 60/min)"));
    }

    [Test]
    public async Task A_caller_cancellation_is_not_logged_as_an_error()
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(HttpStatusCode.InternalServerError);
        using var cts = new CancellationTokenSource();

        var call = h.GetAccountsAsync(cts.Token);
        await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20));
        cts.Cancel();
        await call.ThrowsAsync<OperationCanceledException>();

        var records = h.LogCollector.GetSnapshot();
        Assert.That(records.Where(r => r.Level >= LogLevel.Error), Is.Empty);
        Assert.That(records.Any(r => r.Id.Id == 9), Is.True);
    }

    private static string Describe(FakeLogRecord record) =>
        record.Message + " | " + string.Join(";", record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []) + " | " + record.Exception;
}
