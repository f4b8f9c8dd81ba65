using System.Net;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Polly;
using Polly.Retry;

namespace Klaviyo.Actions.Tests.DependencyInjection;

/// <summary>Our pipeline in DI, and how it coexists with resilience handlers the app adds to every HttpClient.</summary>
public class ResilienceWiringTests
{
    private static void NoDelays(KlaviyoClientOptions o)
    {
        o.ApiKey = DiHarness.NewKey();
        o.Resilience.MaxRetryAttempts = 2;
        o.Resilience.BaseDelay = TimeSpan.Zero;
        o.RateLimiting.Enabled = false;
    }

    private static void AddStandardHandlerToEveryClient(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o =>
        {
            o.Retry.Delay = TimeSpan.Zero; // 3 retries at once, so the count is all that differs
            o.Retry.UseJitter = false;
            o.CircuitBreaker.MinimumThroughput = 1000;
        }));

    [TestCase(true, TestName = "Stacked resilience is removed when the defaults are added before AddKlaviyoActions")]
    [TestCase(false, TestName = "Stacked resilience is removed when the defaults are added after AddKlaviyoActions")]
    public async Task Stacked_resilience_handlers_are_removed(bool defaultsFirst)
    {
        using var h = new DiHarness();
        if (defaultsFirst)
        {
            AddStandardHandlerToEveryClient(h.Services);
        }

        h.UseScripted(h.Services.AddKlaviyoActions(NoDelays));
        if (!defaultsFirst)
        {
            AddStandardHandlerToEveryClient(h.Services);
        }

        h.Klaviyo.Then(HttpStatusCode.InternalServerError);

        await h.Transport().SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None)
            .ThrowsAsync<KlaviyoApiException>();

        // 1 + 2 retries of ours; stacked it would be 3 × (1 + 3) = 12.
        Assert.That(h.Klaviyo.Count, Is.EqualTo(3));
        Assert.That(h.Logs.GetSnapshot().Any(r => r.Id.Id == 101), Is.True, "the removal is logged");
    }

    [Test]
    public async Task Other_http_clients_keep_the_standard_handler()
    {
        using var h = new DiHarness();
        AddStandardHandlerToEveryClient(h.Services);
        h.Services.AddKlaviyoActions(NoDelays);
        h.Services.AddHttpClient("other").ConfigurePrimaryHttpMessageHandler(() => h.Klaviyo.Handler);
        h.Klaviyo.Then(HttpStatusCode.InternalServerError);

        using var response = await h.Provider.GetRequiredService<IHttpClientFactory>().CreateClient("other").GetAsync(new Uri("https://example.com/")).Settled();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(4), "the app's own clients still retry 3 times");
    }

    [Test]
    public async Task With_the_Klaviyo_pipeline_off_the_apps_handler_is_kept()
    {
        using var h = new DiHarness();
        AddStandardHandlerToEveryClient(h.Services);
        h.UseScripted(h.Services.AddKlaviyoActions(o =>
        {
            NoDelays(o);
            o.Resilience.Enabled = false;
        }));
        h.Klaviyo.Then(HttpStatusCode.InternalServerError);

        await h.Transport().SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None)
            .ThrowsAsync<KlaviyoApiException>();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(4), "only the standard handler retries");
    }

    [Test]
    public async Task ConfigureResilience_replaces_the_built_in_retry_and_sees_the_operation()
    {
        using var h = new DiHarness();
        var seen = new List<(string Operation, bool RetrySafe)>();
        h.UseScripted(h.Services.AddKlaviyoActions(NoDelays))
            .ConfigureResilience(pipeline => pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 1,
                Delay = TimeSpan.Zero,
                ShouldHandle = args =>
                {
                    seen.Add((args.Context.Properties.GetValue(KlaviyoResilienceProperties.OperationName, "?"),
                              args.Context.Properties.GetValue(KlaviyoResilienceProperties.RetryOnUnknownOutcome, false)));
                    return ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.InternalServerError);
                },
            }));
        h.Klaviyo.Then(HttpStatusCode.InternalServerError);

        await h.Transport().SendAsync(KlaviyoOperation.CreateList, HttpMethod.Post, "api/lists", [], CancellationToken.None)
            .ThrowsAsync<KlaviyoApiException>();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(2), "the replacement's single retry, not the configured 2");
        Assert.That(seen[0], Is.EqualTo(("create_list", false)));
    }

    [Test]
    public async Task RemoveResilience_sends_each_call_once()
    {
        using var h = new DiHarness();
        h.UseScripted(h.Services.AddKlaviyoActions(NoDelays)).RemoveResilience();
        h.Klaviyo.Then(HttpStatusCode.ServiceUnavailable);

        await h.Transport().SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None)
            .ThrowsAsync<KlaviyoApiException>();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Retry_after_waits_on_the_apps_time_provider()
    {
        using var h = new DiHarness();
        h.UseScripted(h.Services.AddKlaviyoActions(o => o.ApiKey = DiHarness.NewKey()));
        h.Klaviyo
            .Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            .ThenOk();

        var call = h.Transport().SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None);
        var delay = await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20));
        h.Time.Advance(delay);
        await call.Settled();

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
    }
}
