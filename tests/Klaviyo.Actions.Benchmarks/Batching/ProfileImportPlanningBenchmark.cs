using BenchmarkDotNet.Attributes;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Benchmarks.Support;

namespace Klaviyo.Actions.Benchmarks.Batching;

/// <summary>
/// Issue 5: 100,000 realistic profiles (email, E.164 phone, external id, names, location, four custom properties;
/// every fourth in a list) into profile import jobs, without HTTP. Figures are per profile
/// (<see cref="BenchmarkAttribute.OperationsPerInvoke"/> = 100,000).
/// <list type="bullet">
/// <item><description><see cref="PlanAndSerialize"/>: validate + normalize + measure (serialize each profile once), group by
/// list, plan at 10,000 profiles / 5 MB, write every job body to UTF-8 — the bulk client's own steps.</description></item>
/// <item><description><see cref="BulkClientNoNetwork"/>: the same through <see cref="KlaviyoBulkClient.SendAsync"/>
/// (ledger and one outcome per profile included) with an endpoint that writes each body and answers at once.</description></item>
/// <item><description><see cref="PlanAndWriteBodiesOnly"/>: planning and body writing alone, over profiles measured in setup.</description></item>
/// </list>
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter '*ProfileImportPlanning*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ProfileImportPlanningBenchmark
{
    private const int Profiles = 100_000;

    private KlaviyoBatchItem[] _items = null!;
    private ProfileImportPipeline _pipeline = null!;
    private KlaviyoBulkClient _bulkClient = null!;
    private Dictionary<BulkGroupKey, List<PlannedPart<UpsertProfileRequest>>> _groups = null!;
    private List<BulkGroupKey> _order = null!;

    [GlobalSetup]
    public void Setup()
    {
        _items = SampleData.Items(SampleData.Profiles(Profiles));
        _pipeline = new ProfileImportPipeline();
        (_groups, _order) = _pipeline.Measure(_items);
        var (jobs, bytes) = _pipeline.Run(_items);

        // 75,000 profiles without a list and 25,000 in one: ceil(75,000 / 10,000) + ceil(25,000 / 10,000) jobs.
        if (jobs != 8 + 3)
        {
            throw new InvalidOperationException($"Expected 11 import jobs, planned {jobs}.");
        }

        Console.WriteLine($"// {Profiles:N0} profiles -> {jobs} import jobs, {bytes:N0} body bytes ({bytes / Profiles} bytes per profile on the wire)");
        var endpoints = OfflineKlaviyo.Endpoints();
        _bulkClient = new KlaviyoBulkClient(new KlaviyoBulkEndpoints
        {
            ProfileImport = new SerializingProfileImport(endpoints.ProfileImport),
            EventCreate = endpoints.EventCreate,
            Subscribe = endpoints.Subscribe,
            Unsubscribe = endpoints.Unsubscribe,
            ListRemove = endpoints.ListRemove,
            ProfileLookup = endpoints.ProfileLookup,
        });
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Profiles)]
    public long PlanAndSerialize() => _pipeline.Run(_items).Bytes;

    [Benchmark(OperationsPerInvoke = Profiles)]
    public int BulkClientNoNetwork()
    {
        var result = _bulkClient.SendAsync(_items).GetAwaiter().GetResult();
        return result.AllAccepted ? result.AcceptedCount : throw new InvalidOperationException($"Only {result.AcceptedCount} profiles were accepted.");
    }

    [Benchmark(OperationsPerInvoke = Profiles)]
    public long PlanAndWriteBodiesOnly() => _pipeline.PlanAndSerialize(_groups, _order).Bytes;

    /// <summary>The real import endpoint's measuring, and a send that only writes the body (no HTTP).</summary>
    private sealed class SerializingProfileImport(IBulkEndpoint<UpsertProfileRequest> real) : IBulkEndpoint<UpsertProfileRequest>
    {
        private static readonly BulkChunkResponse Job = new("bench-job");

        public int MeasureEnvelope(BulkGroupKey key) => real.MeasureEnvelope(key);

        public BulkPartMeasure Measure(UpsertProfileRequest part) => real.Measure(part);

        public Task<BulkChunkResponse> SendChunkAsync(BulkGroupKey key, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows, CancellationToken cancellationToken)
        {
            _ = KlaviyoProfileImportEndpoint.SerializeBody(key, rows);
            return Task.FromResult(Job);
        }
    }
}
