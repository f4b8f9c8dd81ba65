using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Klaviyo.Actions.WebSample;
using Klaviyo.Actions.WebSample.Auth;
using Klaviyo.Actions.WebSample.Emulation;
using Klaviyo.Actions.WebSample.Endpoints;
using Klaviyo.Actions.WebSample.Ingestion;
using Klaviyo.Actions.WebSample.ListSync;

// Segment-compatible ingestion: Segment's HTTP tracking API in, Klaviyo (Actions) out, through the background queue.
var builder = WebApplication.CreateBuilder(args);

var emulator = await SampleEmulator.StartIfNoApiKeyAsync(builder, CancellationToken.None);
builder.Services.AddSingleton(_ => emulator); // disposed with the host, after the queues drained

builder.Services.AddKlaviyoActions(builder.Configuration).AddBackgroundBatching();
builder.Services.AddHealthChecks().AddKlaviyo();
builder.Services.AddRequestDecompression();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
builder.Services.AddOptions<WebSampleOptions>().BindConfiguration(WebSampleOptions.SectionName);
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<WriteKeyAuthenticator>();
builder.Services.AddSingleton<MessageNormalizer>();
builder.Services.AddSingleton<TrackingRequestParser>();
builder.Services.AddSingleton<IngestionQueue>();
builder.Services.AddSingleton<IngestionStats>();
builder.Services.AddSingleton<OutcomeLogger>();
builder.Services.AddSingleton<TrackingHandler>();
builder.Services.AddSingleton(DestinationFactory.Create);
builder.Services.AddHostedService<IngestionWorker>(); // after AddBackgroundBatching: stopped (drained) before the batcher
IdentityLinkFeeder.AddIfConfigured(builder); // ListSync:StatePath set: identify calls feed list sync's identity links

var app = builder.Build();
var startupLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Klaviyo.Actions.WebSample");
if (emulator.Emulator is { } running)
{
    IngestionLog.EmulatorStarted(startupLog, running.BaseAddress);
}

if (!app.Services.GetRequiredService<WriteKeyAuthenticator>().HasKeys)
{
    IngestionLog.NoWriteKeys(startupLog);
}

app.UseRequestDecompression();
app.MapTrackingApi();
app.MapStats();
app.MapEmulatorInfo();
app.MapHealthChecks("/health");

await app.RunAsync();

/// <summary>The web sample's entry point (public for WebApplicationFactory in the integration tests).</summary>
public partial class Program;
