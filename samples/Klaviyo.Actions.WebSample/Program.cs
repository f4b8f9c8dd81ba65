using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Klaviyo.Actions.WebSample;
using Klaviyo.Actions.WebSample.Auth;
using Klaviyo.Actions.WebSample.Emulation;
using Klaviyo.Actions.WebSample.Endpoints;
using Klaviyo.Actions.WebSample.Ingestion;
using Klaviyo.Actions.WebSample.Ingestion.Redis;
using Klaviyo.Actions.Redis.Delivery;
using Klaviyo.Actions.WebSample.ListSync;

// Segment-compatible ingestion: Segment's HTTP tracking API in, Klaviyo (Actions) out, through the background queue.
var builder = WebApplication.CreateBuilder(args);

var emulator = await SampleEmulator.StartIfNoApiKeyAsync(builder, CancellationToken.None);
builder.Services.AddSingleton(_ => emulator); // disposed with the host, after the queues drained

var klaviyo = builder.Services.AddKlaviyoActions(builder.Configuration).AddBackgroundBatching();
builder.Services.AddHealthChecks().AddKlaviyo();
builder.Services.AddRequestDecompression();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
builder.Services.AddOptions<WebSampleOptions>().BindConfiguration(WebSampleOptions.SectionName);
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<WriteKeyAuthenticator>();
builder.Services.AddSingleton<MessageNormalizer>();
builder.Services.AddSingleton<TrackingRequestParser>();
builder.Services.AddSingleton<IngestionStats>();
builder.Services.AddSingleton<OutcomeLogger>();
builder.Services.AddSingleton<TrackingHandler>();
builder.Services.AddSingleton(DestinationFactory.Create);
if (builder.Configuration["Redis:Configuration"] is { Length: > 0 } redis)
{
    // Several instances: accepted messages go to Redis Streams; every instance delivers a share of the partitions.
    klaviyo.AddRedisDelivery(redis, options => builder.Configuration.GetSection("Redis:Delivery").Bind(options));
    // Klaviyo's rate limits for the account, shared by every instance through the same Redis (options under Redis:RateLimiting).
    klaviyo.AddRedisRateLimiting(redis, options => builder.Configuration.GetSection("Redis:RateLimiting").Bind(options));
    builder.Services.AddSingleton<RedisIngestionQueue>();
    builder.Services.AddSingleton<IIngestionQueue>(sp => sp.GetRequiredService<RedisIngestionQueue>());
    builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisIngestionQueue>()); // closes intake first on stop
    builder.Services.AddSingleton<IRedisDeliveryObserver, IngestionOutcomeObserver>();
}
else
{
    builder.Services.AddSingleton<IngestionQueue>();
    builder.Services.AddSingleton<IIngestionQueue>(sp => sp.GetRequiredService<IngestionQueue>());
    builder.Services.AddHostedService<IngestionWorker>(); // after AddBackgroundBatching: stopped (drained) before the batcher
}

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
