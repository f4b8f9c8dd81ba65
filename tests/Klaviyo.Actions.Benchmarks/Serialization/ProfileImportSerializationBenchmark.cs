using BenchmarkDotNet.Attributes;
using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Benchmarks.Support;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions.Benchmarks.Serialization;

/// <summary>
/// One full profile import job (10,000 validated profiles, no list) to its UTF-8 body, per profile
/// (<see cref="BenchmarkAttribute.OperationsPerInvoke"/> = 10,000):
/// <see cref="SerializeJob"/> writes each profile once (the endpoint's measuring) and then the job body around the
/// fragments; <see cref="WriteBodyOnly"/> is the body write alone over fragments made in setup.
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter '*ProfileImportSerialization*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ProfileImportSerializationBenchmark
{
    private const int Profiles = 10_000;

    private IBulkEndpoint<UpsertProfileRequest> _endpoint = null!;
    private UpsertProfileRequest[] _profiles = null!;
    private BulkRow<UpsertProfileRequest>[] _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _endpoint = OfflineKlaviyo.Endpoints().ProfileImport;
        _profiles = new UpsertProfileRequest[Profiles];
        for (int n = 0; n < Profiles; n++)
        {
            // Validated and normalized, as the endpoint receives them; no list, so all share one job.
            _profiles[n] = KlaviyoRequestValidator.Validate(SampleData.Profile(n) with { ListId = null }).GetNormalizedOrThrow("upsertProfile");
        }

        _rows = Rows();
        long bytes = SerializeJob() * 1L;
        Console.WriteLine($"// {Profiles:N0}-profile import job: {bytes:N0} bytes ({bytes / Profiles} per profile)");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Profiles)]
    public int SerializeJob() => KlaviyoProfileImportEndpoint.SerializeBody(BulkGroupKey.None, Rows()).Length;

    [Benchmark(OperationsPerInvoke = Profiles)]
    public int WriteBodyOnly() => KlaviyoProfileImportEndpoint.SerializeBody(BulkGroupKey.None, _rows).Length;

    private BulkRow<UpsertProfileRequest>[] Rows()
    {
        var rows = new BulkRow<UpsertProfileRequest>[_profiles.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new BulkRow<UpsertProfileRequest>(new PlannedPart<UpsertProfileRequest>(_profiles[i], i, _endpoint.Measure(_profiles[i])));
        }

        return rows;
    }
}
