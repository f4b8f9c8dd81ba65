using BenchmarkDotNet.Attributes;
using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Benchmarks.Support;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Benchmarks.Mapping;

/// <summary>
/// Issue 8: one Segment event (an identify, a track, an Order Completed with three products) through the action's
/// default mapping to a validated request, the path <see cref="KlaviyoDestination"/> takes before dispatch. Per
/// event (one event per call). The event is parsed in setup: parsing is the caller's input, not mapping.
/// <list type="bullet">
/// <item><description><see cref="Map"/>: mapping-kit evaluation, empty-value removal, binding to the typed request.</description></item>
/// <item><description><see cref="MapValidate"/>: plus <see cref="KlaviyoRequestValidator"/>'s rules and normalization (E.164).</description></item>
/// <item><description><see cref="MapValidateSerialize"/>: plus the wire serialization the batched path does once per
/// item (the bulk endpoint's measuring: profile import fragment; event profile and event fragments; Order
/// Completed expanded to its order and product events). Issue 8's "mapping + validation + serialization" figure.</description></item>
/// <item><description><see cref="Destination"/>: 1,000 such events (each its own message and person) streamed through
/// <see cref="KlaviyoDestination.SendAllAsync(IAsyncEnumerable{SegmentEvent}, CancellationToken)"/> with that one
/// default mapping, delivered by a <see cref="KlaviyoBatcher"/> over <see cref="AcceptingKlaviyoHandler"/> (every
/// request accepted in process at once), per event: routing, the queue (a bulk request of up to 1,000 events for
/// Track Event, whose default batches; one request per action for the others, whose defaults do not), outcomes and
/// results. The stream flushes the queue when its input ends.</description></item>
/// </list>
/// Setup prints the payload-owned bytes (<see cref="PayloadAccounting"/>) so the overhead is allocated − owned.
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter '*DefaultMapping*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class DefaultMappingBenchmark : IAsyncDisposable
{
    private KlaviyoActionDefinition _action = null!;
    private SegmentEvent _event = null!;
    private KlaviyoBulkEndpoints _endpoints = null!;
    private KlaviyoDestination _destination = null!;
    private KlaviyoBatcher _delivery = null!;
    private AcceptingKlaviyoHandler _klaviyo = null!;
    private SegmentEvent[] _batch = [];

    /// <summary>Events per <see cref="Destination"/> call.</summary>
    public const int BatchEvents = 1_000;

    /// <summary>The Segment event mapped.</summary>
    [Params(SegmentCall.Identify, SegmentCall.Track, SegmentCall.OrderCompleted)]
    public SegmentCall Call { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (string slug, string json) = Call switch
        {
            SegmentCall.Identify => (KlaviyoActionSlugs.UpsertProfile, SegmentSamples.Identify),
            SegmentCall.Track => (KlaviyoActionSlugs.TrackEvent, SegmentSamples.Track),
            _ => (KlaviyoActionSlugs.OrderCompleted, SegmentSamples.OrderCompleted),
        };
        _action = KlaviyoActionCatalog.Get(slug);
        _event = SegmentEvent.Parse(json);
        _endpoints = OfflineKlaviyo.Endpoints();
        _klaviyo = new AcceptingKlaviyoHandler();
        var client = OfflineKlaviyo.Client(_klaviyo);
        _delivery = new KlaviyoBatcher(client);
        _destination = new KlaviyoDestination(
            new DestinationConfiguration(new DestinationSettings(), [MappingDefinition.ForEvents(slug)]),
            client,
            new KlaviyoDestinationOptions { Delivery = _delivery });
        _batch = [.. Enumerable.Range(0, BatchEvents).Select(i => SegmentEvent.Parse(Distinct(json, i)))];

        var fragments = Serialize(MapValidate());
        long owned = PayloadAccounting.OwnedBytes(fragments);
        Console.WriteLine($"// {Call}: {fragments.Count} wire fragments, {fragments.Sum(f => f.Length)} UTF-8 bytes; payload-owned memory {owned} bytes (strings + wire bytes)");
        int sent = Destination();
        if (sent != BatchEvents)
        {
            throw new InvalidOperationException($"The destination sent {sent} of {BatchEvents} {Call} events.");
        }

        Console.WriteLine($"// {Call}: {_klaviyo.Requests} requests for {BatchEvents} events ({string.Join(", ", _klaviyo.ByRoute().Select(p => $"{p.Key}: {p.Value}"))})");
    }

    /// <summary>
    /// The mapping call <see cref="KlaviyoDestination"/> makes (<c>MapForDispatch</c>): the compiled default mapping,
    /// no result object and no diagnostic payload (the compiled slots go back to their pool once the request is bound).
    /// </summary>
    [Benchmark(Baseline = true)]
    public KlaviyoAction Map() =>
        KlaviyoActionMapper.MapForDispatch(_action, _action.CompiledDefaultMapping, _event, hookListId: null).Action
            ?? throw new InvalidOperationException("The sample did not map.");

    [Benchmark]
    public KlaviyoAction MapValidate()
    {
        var valid = Map().Validate(timeProvider: null, out var errors);
        return valid ?? throw new InvalidOperationException($"The sample is invalid: {string.Join("; ", errors)}");
    }

    [Benchmark]
    public int MapValidateSerialize() => SerializedBytes(MapValidate());

    /// <summary>Routes <see cref="BatchEvents"/> events and reads every result; returns how many were sent.</summary>
    [Benchmark(OperationsPerInvoke = BatchEvents)]
    public int Destination() => DestinationAsync().GetAwaiter().GetResult();

    private async Task<int> DestinationAsync()
    {
        int sent = 0;
        await foreach (var result in _destination.SendAllAsync(Batch()))
        {
            if (result.Outcomes is [{ Kind: MappingOutcomeKind.Sent }])
            {
                sent++;
            }
        }

        return sent;
    }

    private async IAsyncEnumerable<SegmentEvent> Batch()
    {
        foreach (var segmentEvent in _batch)
        {
            yield return segmentEvent;
        }

        await Task.CompletedTask;
    }

    /// <summary>The sample as event <paramref name="i"/> of a batch: its own message id, user, email and phone, so the queue's per-person order does not chain the batch's upserts.</summary>
    private static string Distinct(string json, int i) => json
        .Replace("msg-", $"msg-{i:D4}-", StringComparison.Ordinal)
        .Replace("\"user-123\"", $"\"user-{i:D4}\"", StringComparison.Ordinal)
        .Replace("jane.doe@", $"jane.doe.{i:D4}@", StringComparison.Ordinal)
        .Replace("+14155552671", $"+1415555{i:D4}", StringComparison.Ordinal);

    /// <summary>The fragments the bulk endpoints serialize for a validated action (what the batcher's prepare step writes).</summary>
    private List<JsonFragment> Serialize(KlaviyoAction action)
    {
        var fragments = new List<JsonFragment>(8);
        switch (action)
        {
            case UpsertProfileAction upsert:
                fragments.Add(BulkWire.Fragment(_endpoints.ProfileImport.Measure(upsert.Request).Wire));
                break;
            case TrackEventAction track:
                AddEvent(fragments, track.Request);
                break;
            case OrderCompletedAction order:
                foreach (var evt in _endpoints.OrderEvents!.Expand(order.Request))
                {
                    AddEvent(fragments, evt);
                }

                break;
            default:
                throw new InvalidOperationException("Unexpected action " + action.Slug);
        }

        return fragments;
    }

    /// <summary>
    /// The UTF-8 bytes the bulk endpoints serialize for a validated action, as <see cref="Serialize"/> writes them but
    /// without collecting the fragments in a list (the benchmark's own list is not the library's cost).
    /// </summary>
    private int SerializedBytes(KlaviyoAction action)
    {
        switch (action)
        {
            case UpsertProfileAction upsert:
                return BulkWire.Fragment(_endpoints.ProfileImport.Measure(upsert.Request).Wire).Length;
            case TrackEventAction track:
                return EventBytes(track.Request);
            case OrderCompletedAction order:
                int bytes = 0;
                foreach (var evt in _endpoints.OrderEvents!.Expand(order.Request))
                {
                    bytes += EventBytes(evt);
                }

                return bytes;
            default:
                throw new InvalidOperationException("Unexpected action " + action.Slug);
        }
    }

    private int EventBytes(TrackEventRequest request)
    {
        var wire = (BulkEventWire)_endpoints.EventCreate.Measure(request).Wire!;
        return wire.Profile.Length + wire.Event.Length;
    }

    private void AddEvent(List<JsonFragment> fragments, TrackEventRequest request)
    {
        var wire = (BulkEventWire)_endpoints.EventCreate.Measure(request).Wire!;
        fragments.Add(wire.Profile);
        fragments.Add(wire.Event);
    }

    /// <summary>The Segment calls mapped.</summary>
    public enum SegmentCall
    {
        /// <summary>Identify → Upsert Profile.</summary>
        Identify,

        /// <summary>Track → Track Event.</summary>
        Track,

        /// <summary>Order Completed (3 products) → Order Completed.</summary>
        OrderCompleted,
    }

    /// <summary>Drains the delivery queue.</summary>
    [GlobalCleanup]
    public async ValueTask DisposeAsync()
    {
        await _delivery.DisposeAsync();
        await _destination.DisposeAsync();
        _klaviyo.Dispose();
        GC.SuppressFinalize(this);
    }
}
