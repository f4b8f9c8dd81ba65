using System.Net;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

public class HealthCheckTests
{
    private const string Account = """{"data":[{"type":"account","id":"XyZ789","attributes":{"test_account":false}}]}""";

    private static (DiHarness Harness, string Key) Create(Action<KlaviyoHealthCheckOptions>? configure = null, HealthStatus? failureStatus = null, string? registration = null)
    {
        var h = new DiHarness();
        string key = DiHarness.NewKey();
        h.UseScripted(registration is null
            ? h.Services.AddKlaviyoActions(o => o.ApiKey = key)
            : h.Services.AddKlaviyoActions(registration, o => o.ApiKey = key));
        h.Services.AddHealthChecks().AddKlaviyo(failureStatus: failureStatus, tags: ["ready"], configure: configure);
        return (h, key);
    }

    private static async Task<HealthReportEntry> CheckAsync(DiHarness h) =>
        (await h.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync().Settled()).Entries["klaviyo"];

    [Test]
    public async Task An_accepted_key_is_healthy_and_the_result_is_cached()
    {
        var (h, _) = Create();
        using var _h = h;
        h.Klaviyo.ThenOk(Account);

        var first = await CheckAsync(h);
        h.Time.Advance(TimeSpan.FromSeconds(59));
        var cached = await CheckAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(first.Data["accountId"], Is.EqualTo("XyZ789"));
            Assert.That(first.Data["statusCode"], Is.EqualTo(200));
            Assert.That(first.Tags, Does.Contain("ready"));
            Assert.That(cached.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(h.Klaviyo.Count, Is.EqualTo(1), "served from the cache");
            Assert.That(h.Klaviyo.Requests[0].Uri.AbsolutePath, Is.EqualTo("/api/accounts"));
        });

        h.Time.Advance(TimeSpan.FromSeconds(1));
        await CheckAsync(h);
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2), "asked again once the cache expired");
    }

    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    public async Task A_rejected_key_is_unhealthy_without_the_key_in_the_report(HttpStatusCode status)
    {
        var (h, key) = Create();
        using var _h = h;
        h.Klaviyo.Then(status, """{"errors":[{"status":401,"code":"not_authenticated","title":"Authentication credentials were not provided.","detail":"Missing or invalid private key."}]}""");

        var entry = await CheckAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(entry.Description, Does.Contain(((int)status).ToString()).And.Contain("ApiKey"));
            Assert.That(entry.Description + entry.Exception?.Message + string.Join(",", entry.Data.Values), Does.Not.Contain(key[3..]));
        });
    }

    [Test]
    public async Task The_failure_status_can_be_lowered()
    {
        var (h, _) = Create(failureStatus: HealthStatus.Degraded);
        using var _h = h;
        h.Klaviyo.Then(HttpStatusCode.Unauthorized);

        Assert.That((await CheckAsync(h)).Status, Is.EqualTo(HealthStatus.Degraded));
    }

    [TestCase(HttpStatusCode.TooManyRequests, "throttling")]
    [TestCase(HttpStatusCode.InternalServerError, "500")]
    [TestCase(HttpStatusCode.ServiceUnavailable, "503")]
    public async Task Throttling_and_server_errors_are_degraded_and_probed_once(HttpStatusCode status, string described)
    {
        var (h, _) = Create();
        using var _h = h;
        h.Klaviyo.Then(status);

        var entry = await CheckAsync(h);

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(entry.Description, Does.Contain(described));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(1), "no retries from a probe");
    }

    [Test]
    public async Task A_probe_that_does_not_answer_is_degraded_after_the_probe_timeout()
    {
        var (h, _) = Create(o => o.ProbeTimeout = TimeSpan.FromSeconds(3));
        using var _h = h;
        h.Klaviyo.ThenHang();

        var check = CheckAsync(h);
        await h.Klaviyo.WaitForRequestsAsync(1);
        h.Time.Advance(await h.Time.NextTimerAsync(d => d == TimeSpan.FromSeconds(3)));
        var entry = await check;

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(entry.Description, Does.Contain("did not answer within"));
    }

    [Test]
    public async Task Concurrent_checks_share_one_probe()
    {
        var (h, _) = Create(o => o.ProbeTimeout = TimeSpan.FromSeconds(3));
        using var _h = h;
        h.Klaviyo.ThenHang();
        var service = h.Provider.GetRequiredService<HealthCheckService>();

        var checks = Enumerable.Range(0, 3).Select(_ => service.CheckHealthAsync()).ToList();
        await h.Klaviyo.WaitForRequestsAsync(1);
        h.Time.Advance(await h.Time.NextTimerAsync(d => d == TimeSpan.FromSeconds(3)));
        var reports = await Task.WhenAll(checks).Settled();

        Assert.That(reports.Select(r => r.Entries["klaviyo"].Status), Is.All.EqualTo(HealthStatus.Degraded));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task A_named_registration_can_be_probed()
    {
        var (h, key) = Create(o => o.RegistrationName = "europe", registration: "europe");
        using var _h = h;
        h.Klaviyo.ThenOk(Account);

        var entry = await CheckAsync(h);

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(entry.Data["registration"], Is.EqualTo("europe"));
        Assert.That(h.Klaviyo.Requests[0].Authorization, Is.EqualTo("Klaviyo-API-Key " + key));
    }
}
