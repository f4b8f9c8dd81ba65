using System.Diagnostics;
using System.Text;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>README "Use in ASP.NET Core": the registration and the telemetry blocks, in a real web app against emulators.</summary>
public class AspNetCoreSnippetTests
{
    [Test]
    public async Task The_registration_block_sends_through_both_accounts_and_the_queue_and_reports_healthy()
    {
        await using var main = await KlaviyoEmulator.StartAsync();
        await using var europe = await KlaviyoEmulator.StartAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // The README's appsettings block, with the emulator's key for "pk_…"; then each account's emulator address.
        string appsettings = RepositoryFiles.Readme().Get("json", "Use in ASP.NET Core").Text.Replace("pk_…", main.ApiKey, StringComparison.Ordinal);
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appsettings)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Klaviyo:BaseAddress"] = main.BaseAddress.AbsoluteUri,
            ["Accounts:Europe:ApiKey"] = europe.ApiKey,
            ["Accounts:Europe:BaseAddress"] = europe.BaseAddress.AbsoluteUri,
        });

        // README:begin Use in ASP.NET Core
        builder.Services.AddKlaviyoActions(builder.Configuration)     // binds "Klaviyo"; validated at start
            .AddBackgroundBatching();                                  // IKlaviyoBatcher + drain on shutdown
        builder.Services.AddKlaviyoActions("europe", builder.Configuration.GetSection("Accounts:Europe")); // second account
        builder.Services.AddHealthChecks().AddKlaviyo(tags: ["ready"]);
        // inject IKlaviyoClient, [FromKeyedServices("europe")] IKlaviyoClient, IKlaviyoClientFactory, IKlaviyoBatcher
        // README:end

        await using var app = builder.Build();
        await app.StartAsync();
        await app.Services.GetRequiredService<IKlaviyoClient>().UpsertProfileAsync(new UpsertProfileRequest { Email = "ada@example.org" });
        await app.Services.GetRequiredKeyedService<IKlaviyoClient>("europe").UpsertProfileAsync(new UpsertProfileRequest { Email = "bo@example.org" });
        await app.Services.GetRequiredService<IKlaviyoClientFactory>().CreateClient("europe").UpsertProfileAsync(new UpsertProfileRequest { Email = "cy@example.org" });
        var queued = await app.Services.GetRequiredService<IKlaviyoBatcher>().EnqueueAsync(KlaviyoBatchItem.From(new TrackEventRequest
        {
            Profile = new EventProfile { Email = "ada@example.org" },
            MetricName = "Viewed Product",
        }));
        await app.Services.GetRequiredService<IKlaviyoBatcher>().FlushAsync();
        var tracked = await queued;
        var health = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));
        await app.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(main.Profiles.Select(p => p.Email), Is.EquivalentTo(new[] { "ada@example.org" }), "the default registration's account");
            Assert.That(europe.Profiles.Select(p => p.Email), Is.EquivalentTo(new[] { "bo@example.org", "cy@example.org" }), "the \"europe\" registration's account");
            Assert.That(tracked.Status, Is.EqualTo(KlaviyoItemStatus.Accepted), "the background queue delivers");
            Assert.That(main.Events.Select(e => e.MetricName), Is.EqualTo(new[] { "Viewed Product" }));
            Assert.That(health.Status, Is.EqualTo(HealthStatus.Healthy), string.Join("; ", health.Entries.Select(e => $"{e.Key}: {e.Value.Description}")));
        });
    }

    [Test]
    public async Task The_telemetry_block_exports_the_sdk_activities_and_metrics()
    {
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddKlaviyoActions(o => { o.ApiKey = emulator.ApiKey; o.BaseAddress = emulator.BaseAddress; });

        // README:begin Use in ASP.NET Core #2
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(KlaviyoDiagnostics.ActivitySourceName))
            .WithMetrics(m => m.AddMeter(KlaviyoDiagnostics.MeterName));
        // README:end
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddInMemoryExporter(activities))
            .WithMetrics(m => m.AddInMemoryExporter(metrics));

        await using var app = builder.Build();
        await app.StartAsync();
        await app.Services.GetRequiredService<IKlaviyoClient>().UpsertProfileAsync(new UpsertProfileRequest { Email = "ada@example.org" });
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        await app.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(activities.Where(a => a.Source.Name == KlaviyoDiagnostics.ActivitySourceName).Select(a => a.GetTagItem("klaviyo.action")), Is.Not.Empty.And.All.Not.Null);
            Assert.That(metrics.Select(m => m.Name), Does.Contain("klaviyo.actions.requests"));
        });
    }
}
