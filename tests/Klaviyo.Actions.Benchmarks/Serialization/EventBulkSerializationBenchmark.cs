using BenchmarkDotNet.Attributes;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Benchmarks.Support;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions.Benchmarks.Serialization;

/// <summary>
/// One full bulk create events job (1,000 validated track events of 250 users, so events of one profile share an
/// entry) to its UTF-8 body, per event (<see cref="BenchmarkAttribute.OperationsPerInvoke"/> = 1,000):
/// <see cref="SerializeJob"/> measures each event (settles its time and unique id, writes its profile and event once),
/// plans the request (entries merged per profile) and writes the body; <see cref="WriteBodyOnly"/> is the body write
/// alone over rows planned in setup.
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter '*EventBulkSerialization*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class EventBulkSerializationBenchmark
{
    private const int Events = 1_000;
    private const int Users = 250;

    private IBulkEndpoint<TrackEventRequest> _endpoint = null!;
    private TrackEventRequest[] _events = null!;
    private List<BulkRow<TrackEventRequest>> _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _endpoint = OfflineKlaviyo.Endpoints().EventCreate;
        _events = new TrackEventRequest[Events];
        for (int n = 0; n < Events; n++)
        {
            _events[n] = KlaviyoRequestValidator.Validate(SampleData.Event(n, Users)).GetNormalizedOrThrow("trackEvent");
        }

        _rows = Plan(out long planned);
        if (WriteBodyOnly() != planned)
        {
            throw new InvalidOperationException($"Planned {planned} bytes, wrote {WriteBodyOnly()}.");
        }

        if (_rows.Count != Users)
        {
            throw new InvalidOperationException($"Expected {Users} entries (one per profile), planned {_rows.Count}.");
        }

        int bytes = SerializeJob();
        Console.WriteLine($"// {Events:N0}-event bulk job: {_rows.Count} entries, {bytes:N0} bytes ({bytes / Events} per event)");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int SerializeJob() => KlaviyoEventCreateEndpoint.SerializeBody(Plan(out _)).Length;

    [Benchmark(OperationsPerInvoke = Events)]
    public int WriteBodyOnly() => KlaviyoEventCreateEndpoint.SerializeBody(_rows).Length;

    private List<BulkRow<TrackEventRequest>> Plan(out long plannedBytes)
    {
        var parts = new List<PlannedPart<TrackEventRequest>>(_events.Length);
        for (int i = 0; i < _events.Length; i++)
        {
            parts.Add(new PlannedPart<TrackEventRequest>(_events[i], i, _endpoint.Measure(_events[i])));
        }

        var chunks = new List<BulkChunk<TrackEventRequest>>(1);
        var oversized = new List<PlannedPart<TrackEventRequest>>();
        BulkPlanner.Plan(BulkEndpointDescriptor.EventCreate, BulkGroupKey.None, _endpoint.MeasureEnvelope(BulkGroupKey.None), parts, chunks, oversized);
        if (chunks.Count != 1 || oversized.Count != 0)
        {
            throw new InvalidOperationException($"Expected one request, planned {chunks.Count} ({oversized.Count} oversized).");
        }

        plannedBytes = chunks[0].Bytes;
        return chunks[0].Rows;
    }
}
