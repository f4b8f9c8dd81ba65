using System.Diagnostics.Metrics;
using System.Net;
using Klaviyo.Actions.Batching;
using Microsoft.Extensions.DependencyInjection;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>Fake endpoints, a test clock and a meter factory wired into a bulk client.</summary>
internal sealed class BulkHarness : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public BulkHarness()
    {
        ProfileImport.ReturnsJobIds = true;
    }

    public TestClock Clock { get; } = new();

    public IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    public FakeBulkEndpoint<UpsertProfileRequest> ProfileImport { get; } = new(_ => new BulkPartMeasure(100));

    public FakeBulkEndpoint<TrackEventRequest> Events { get; } = new(e => new BulkPartMeasure(
        150,
        MergeKey: ProfileKey(e.Profile),
        MergedBytes: 81,
        ConflictKey: e.UniqueId is null ? null : ProfileKey(e.Profile) + "|" + e.MetricName + "|" + e.UniqueId));

    public FakeBulkEndpoint<SubscribeProfileRequest> Subscribe { get; } = new(_ => new BulkPartMeasure(100));

    public FakeBulkEndpoint<UnsubscribeProfileRequest> Unsubscribe { get; } = new(_ => new BulkPartMeasure(100));

    public FakeBulkEndpoint<string> ListRemove { get; } = new(id => new BulkPartMeasure(30, MergeKey: id, MergedBytes: 0), envelopeBytes: 20);

    public FakeProfileLookup Lookup { get; } = new();

    public FakeImportJobTracker Jobs { get; } = new();

    public KlaviyoBatchingOptions Options { get; } = new();

    public IBatchItemValidator? Validator { get; set; }

    public bool WithJobTracker { get; set; } = true;

    public static string ProfileKey(EventProfile profile) => profile.ExternalId ?? profile.Email ?? profile.PhoneNumber ?? profile.AnonymousId ?? "?";

    public KlaviyoBulkClient CreateClient() => new(
        new KlaviyoBulkEndpoints
        {
            ProfileImport = ProfileImport,
            EventCreate = Events,
            Subscribe = Subscribe,
            Unsubscribe = Unsubscribe,
            ListRemove = ListRemove,
            ProfileLookup = Lookup,
            ImportJobs = WithJobTracker ? Jobs : null,
        },
        Options,
        Clock,
        loggerFactory: null,
        meterFactory: MeterFactory,
        validator: Validator);

    public void Dispose() => _services.Dispose();

    public static UpsertProfileRequest Profile(int i, string? list = null) => new() { Email = $"user{i}@shop.test", ExternalId = "u" + i, ListId = list };

    public static TrackEventRequest Event(int i, string? profile = null, string? uniqueId = null) => new()
    {
        Profile = new EventProfile { ExternalId = profile ?? "u" + i },
        MetricName = "Viewed Product",
        UniqueId = uniqueId ?? "e" + i,
    };

    public static KlaviyoError RowError(string pointer, string detail = "Invalid input.") =>
        new() { Id = Guid.NewGuid().ToString(), Status = 400, Code = "invalid", Title = "Invalid input.", Detail = detail, SourcePointer = pointer };

    public static KlaviyoApiException Refusal(HttpStatusCode status, params KlaviyoError[] errors) =>
        new(status, "POST", "/api/test", errors, status == HttpStatusCode.TooManyRequests ? TimeSpan.FromSeconds(1) : null);
}
