using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Klaviyo.Actions.Tests.Sync.Segment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

/// <summary><c>AddKlaviyoToSegmentSync</c>: options checked at start, a hosted service driven by the app's clock.</summary>
public class KlaviyoToSegmentRegistrationTests
{
    private const string WriteKey = "wk_di_7d2e9a";

    [Test]
    public void Unusable_options_stop_the_host_at_start_naming_them_without_the_write_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KlaviyoToSegment:Segment:BaseAddress"] = "ftp://segment.test/",
            ["KlaviyoToSegment:Interval"] = "00:00:00",
        });
        builder.Services.AddSingleton<IKlaviyoReadClient>(new FakeKlaviyoReads());
        builder.Services.AddKlaviyoToSegmentSync(builder.Configuration.GetSection("KlaviyoToSegment"));
        using var host = builder.Build();

        var error = Assert.CatchAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("KlaviyoToSegment:Segment:WriteKey is required"));
            Assert.That(error.Message, Does.Contain("Segment:BaseAddress must be an absolute http(s) address"));
            Assert.That(error.Message, Does.Contain("Interval must be positive"));
        });
    }

    [Test]
    public void Options_bind_from_a_configuration_section()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KlaviyoToSegment:Segment:WriteKey"] = WriteKey,
            ["KlaviyoToSegment:Segment:Region"] = "Eu",
            ["KlaviyoToSegment:SourceOfTruth"] = "Segment",
            ["KlaviyoToSegment:OnlyProfilesUpdatedByDestination"] = "true",
            ["KlaviyoToSegment:MetricNames:0"] = "Placed Order",
            ["KlaviyoToSegment:Since"] = "2026-11-01T00:00:00Z",
            ["KlaviyoToSegment:Interval"] = "00:15:00",
        });
        builder.Services.AddSingleton<IKlaviyoReadClient>(new FakeKlaviyoReads());
        builder.Services.AddKlaviyoToSegmentSync(builder.Configuration.GetSection("KlaviyoToSegment"));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<KlaviyoToSegmentSync>().Options;

        Assert.Multiple(() =>
        {
            Assert.That(options.Segment.EffectiveBaseAddress, Is.EqualTo(SegmentTrackingOptions.EuBaseAddress));
            Assert.That(options.SourceOfTruth, Is.EqualTo(KlaviyoToSegmentSourceOfTruth.Segment));
            Assert.That(options.OnlyProfilesUpdatedByDestination, Is.True);
            Assert.That(options.MetricNames, Is.EqualTo(new[] { "Placed Order" }));
            Assert.That(options.Since, Is.EqualTo(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(options.Interval, Is.EqualTo(TimeSpan.FromMinutes(15)));
        });
    }

    [Test]
    public async Task The_hosted_service_runs_at_start_then_every_interval_on_the_apps_clock()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var klaviyo = new FakeKlaviyoReads();
        klaviyo.Profiles.Add(FakeKlaviyoReads.Profile(1, FakeKlaviyoReads.T0));
        var segment = new SegmentApiMock();
        var interval = TimeSpan.FromMinutes(10);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddFakeLogging();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IKlaviyoReadClient>(klaviyo);
        builder.Services.AddHttpClient(KlaviyoToSegmentServiceCollectionExtensions.SegmentHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => segment.Handler);
        builder.Services.AddKlaviyoToSegmentSync(o =>
        {
            o.Interval = interval;
            o.Segment.WriteKey = WriteKey;
            o.Segment.BaseAddress = SegmentApiMock.BaseAddress;
        });
        using var host = builder.Build();

        await host.StartAsync();
        await clock.NextTimerAsync(due => due == interval);
        int afterFirstRun = segment.Calls.Count;
        klaviyo.Profiles.Add(FakeKlaviyoReads.Profile(2, FakeKlaviyoReads.T0.AddMinutes(1)));
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        int beforeTheInterval = segment.Calls.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        await clock.NextTimerAsync(due => due == interval);
        await host.StopAsync();

        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(afterFirstRun, Is.EqualTo(1), "a run at start");
            Assert.That(beforeTheInterval, Is.EqualTo(1), "nothing before the interval is up");
            Assert.That(segment.Calls, Has.Count.EqualTo(2));
            Assert.That(segment.Calls[1].MessageIds, Is.EqualTo(new[] { "klaviyo-profile-P000002-1796115660000" }), "the second run sends only the new change");
            Assert.That(logs.Select(l => l.Id.Name), Does.Contain("KlaviyoToSegmentInMemoryCursors"), "no durable store registered: warned");
            Assert.That(logs.Select(l => l.Message), Has.None.Contains(WriteKey));
        });
    }
}
