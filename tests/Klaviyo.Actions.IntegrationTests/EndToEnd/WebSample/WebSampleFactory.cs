using System.Net.Http.Headers;
using System.Text;
using Klaviyo.Actions.Testing;
using Klaviyo.Actions.WebSample;
using Klaviyo.Actions.WebSample.Emulation;
using Klaviyo.Actions.WebSample.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>
/// The web sample hosted in-process (test server), in emulator mode: no Klaviyo key, so it starts its own
/// emulator, which the tests inspect. Batches flush after 50 ms and outcomes wait for import jobs to complete, so
/// "queue idle" means "everything is in the emulator". A test can override settings.
/// </summary>
internal sealed class WebSampleFactory(IReadOnlyDictionary<string, string>? settings = null, ILoggerProvider? logs = null) : WebApplicationFactory<WebSampleOptions>
{
    /// <summary>The running host (once the first client or service was asked for), for tests that stop it themselves.</summary>
    public IHost? Host { get; private set; }

    public const string WriteKey = "test-write-key";

    public KlaviyoEmulator Emulator =>
        Services.GetRequiredService<SampleEmulator>().Emulator ?? throw new InvalidOperationException("The web sample did not start its emulator (is KLAVIYO_API_KEY set?).");

    public HttpClient CreateClient(string? writeKey)
    {
        var client = CreateClient();
        if (writeKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        }

        return client;
    }

    /// <summary>Waits until every accepted message has its outcome (real time, bounded).</summary>
    public Task WaitForIdleAsync() => WaitForPendingAtMostAsync(0);

    /// <summary>Waits until at most <paramref name="count"/> accepted messages are without an outcome (real time, bounded).</summary>
    public async Task WaitForPendingAtMostAsync(long count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Services.GetRequiredService<IngestionQueue>().WaitForPendingAtMostAsync(count, timeout.Token);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        Host = base.CreateHost(builder);
        return Host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (logs is not null)
        {
            builder.UseSetting("Logging:LogLevel:Klaviyo.Actions.WebSample.Ingestion.OutcomeLogger", "Debug");
            builder.ConfigureServices(services => services.AddSingleton(logs));
        }

        builder.UseSetting("WebSample:WriteKeys:0", WriteKey);
        builder.UseSetting("Klaviyo:Batching:MaxDelay", "00:00:00.050");
        builder.UseSetting("Klaviyo:Batching:TrackImportJobs", "true");
        builder.UseSetting("Klaviyo:Batching:JobPollInterval", "00:00:00.050");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
