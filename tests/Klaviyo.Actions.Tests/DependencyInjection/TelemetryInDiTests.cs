using System.Diagnostics.Metrics;
using System.Net;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

public class TelemetryInDiTests
{
    [Test]
    public async Task Nothing_logged_at_any_level_by_any_category_contains_the_key_or_an_email()
    {
        using var h = new DiHarness();
        string key = DiHarness.NewKey("secret");
        h.UseScripted(h.Services.AddKlaviyoActions(o =>
        {
            o.ApiKey = key;
            o.Resilience.MaxRetryAttempts = 1;
        }));
        h.Klaviyo.Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.BadGateway);
        string path = "api/profiles?filter=" + Uri.EscapeDataString("equals(email,\"jane.doe@example.com\")");

        var call = h.Transport().SendAsync(KlaviyoOperation.GetProfiles, HttpMethod.Get, path, null, CancellationToken.None);
        h.Time.Advance(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)));
        await call.ThrowsAsync<KlaviyoApiException>();

        var records = h.Logs.GetSnapshot();
        Assert.That(records.Count(r => r.Category == "Klaviyo.Actions.KlaviyoClient" && r.Id.Id == 1), Is.EqualTo(2), "the transport logs each attempt");
        Assert.That(records.Where(r => r.Category != null && r.Category.StartsWith("System.Net.Http.HttpClient.Klaviyo", StringComparison.Ordinal)), Is.Empty,
            "IHttpClientFactory's default logging passes the raw Authorization header to structured loggers");
        foreach (var record in records)
        {
            string all = record.Message + string.Join(";", record.StructuredState?.Select(kv => kv.Value) ?? []) + record.Exception;
            Assert.That(all, Does.Not.Contain(key[3..]), record.Category);
            Assert.That(all, Does.Not.Contain("jane.doe").And.Not.Contain("example.com"), record.Category);
        }
    }

    [Test]
    public async Task Metrics_are_recorded_on_the_containers_meter()
    {
        using var h = new DiHarness();
        h.UseScripted(h.Services.AddKlaviyoActions(o => o.ApiKey = DiHarness.NewKey()));
        var meterFactory = h.Provider.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meterFactory, KlaviyoDiagnostics.MeterName, KlaviyoMetrics.RequestsName);
        using var duration = new MetricCollector<double>(meterFactory, KlaviyoDiagnostics.MeterName, KlaviyoMetrics.RequestDurationName);
        h.Klaviyo.ThenOk();

        await h.Transport().SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();

        Assert.That(requests.GetMeasurementSnapshot().Single().Tags[KlaviyoMetrics.StatusCodeTag], Is.EqualTo(200));
        Assert.That(duration.GetMeasurementSnapshot(), Has.Count.EqualTo(1));
    }
}
