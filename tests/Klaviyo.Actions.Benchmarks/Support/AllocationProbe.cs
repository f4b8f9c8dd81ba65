using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Mapping.Binding;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// Per-step allocation breakdown of the default-mapping path (<c>-- probe</c>): the bytes each step allocates on
/// this thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, exact), after a warm-up so only steady-state
/// per-event costs remain. Steps: compiled mapping evaluation, empty-value removal, binding (reader, required
/// check, binder, dispatch options), validation/normalization, wire serialization (the bulk endpoint's measuring).
/// </summary>
internal static class AllocationProbe
{
    public static void Run()
    {
        var endpoints = OfflineKlaviyo.Endpoints();
        Probe("Identify", KlaviyoActionSlugs.UpsertProfile, SegmentSamples.Identify, endpoints);
        Probe("Track", KlaviyoActionSlugs.TrackEvent, SegmentSamples.Track, endpoints);
        Probe("OrderCompleted", KlaviyoActionSlugs.OrderCompleted, SegmentSamples.OrderCompleted, endpoints);
    }

    private static void Probe(string name, string slug, string json, KlaviyoBulkEndpoints endpoints)
    {
        var action = KlaviyoActionCatalog.Get(slug);
        var segmentEvent = SegmentEvent.Parse(json);
        long[] totals = new long[6];
        for (int round = 0; round < 2; round++)
        {
            long t0 = GC.GetAllocatedBytesForCurrentThread();
            var payload = action.CompiledDefaultMapping.EvaluateMapped(segmentEvent.Json, out _)!;
            long t1 = GC.GetAllocatedBytesForCurrentThread();
            EmptyValueRemover.Clean(payload, action.Binder.Fields);
            long t2 = GC.GetAllocatedBytesForCurrentThread();
            var errors = new List<KlaviyoValidationError>();
            var reader = new PayloadReader(payload, errors);
            reader.Require(action.Binder.Fields);
            var bound = action.Binder.Bind(reader, new BindingContext(segmentEvent))!;
            long t3 = GC.GetAllocatedBytesForCurrentThread();
            var valid = bound.Validate(timeProvider: null, out _)!;
            long t4 = GC.GetAllocatedBytesForCurrentThread();
            int bytes = Serialize(valid, endpoints);
            long t5 = GC.GetAllocatedBytesForCurrentThread();
            payload.Release(); // as the destination does once the request is bound (the slots go back to their pool)
            var full = KlaviyoActionMapper.MapWithDefaults(action, segmentEvent);
            long t6 = GC.GetAllocatedBytesForCurrentThread();
            if (round == 1)
            {
                totals = [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5];
            }

            GC.KeepAlive(full);
            GC.KeepAlive(bytes);
        }

        if (action.Slug == KlaviyoActionSlugs.TrackEvent)
        {
            SerializationSteps(KlaviyoActionMapper.MapWithDefaults(action, segmentEvent).Action!.Validate(timeProvider: null, out _)!);
        }

        Console.WriteLine($"{name,-15} evaluate {totals[0],6} | clean {totals[1],5} | bind {totals[2],6} | validate {totals[3],5} | serialize {totals[4],6} | MapWithDefaults {totals[5],6} | map+validate+serialize {Whole(action, segmentEvent, endpoints),6}");
    }

    /// <summary>
    /// What <c>DefaultMappingBenchmark.MapValidateSerialize</c> does (the destination's mapping call, validation, the
    /// endpoints' measuring), averaged over many runs after a warm-up: bytes per event.
    /// </summary>
    private static long Whole(KlaviyoActionDefinition action, SegmentEvent segmentEvent, KlaviyoBulkEndpoints endpoints)
    {
        // A long warm-up so the measured runs use fully optimized (tier-1) code, as BenchmarkDotNet's do: the JIT's
        // escape analysis then keeps some short-lived objects off the heap.
        const int Runs = 10_000;
        const int WarmUp = 200_000;
        long start = 0;
        for (int i = 0; i < WarmUp + Runs; i++)
        {
            if (i == WarmUp)
            {
                start = GC.GetAllocatedBytesForCurrentThread();
            }

            var valid = KlaviyoActionMapper.MapForDispatch(action, action.CompiledDefaultMapping, segmentEvent, hookListId: null).Action!.Validate(timeProvider: null, out _)!;
            GC.KeepAlive(Serialize(valid, endpoints));
        }

        return (GC.GetAllocatedBytesForCurrentThread() - start) / Runs;
    }

    /// <summary>The track event's wire serialization split into its steps (the bulk event endpoint's measuring).</summary>
    private static void SerializationSteps(KlaviyoAction action)
    {
        var request = ((TrackEventAction)action).Request;
        long[] steps = new long[3];
        for (int round = 0; round < 2; round++)
        {
            long t0 = GC.GetAllocatedBytesForCurrentThread();
            var data = Klaviyo.Actions.Operations.EventResolver.Resolve(
                request.MetricName, request.Profile, request.Properties!, request.Time, request.Value, request.ValueCurrency, request.UniqueId, TimeProvider.System, "probe");
            long t1 = GC.GetAllocatedBytesForCurrentThread();
            var profile = Klaviyo.Actions.Api.Documents.EventBulkCreateEntry.SerializeProfile(request.Profile, "probe");
            var mergeKey = Klaviyo.Actions.Batching.BulkKey.OfUtf8(profile.Utf8Json);
            long t2 = GC.GetAllocatedBytesForCurrentThread();
            var evt = Klaviyo.Actions.Api.Documents.EventBulkCreateEntry.SerializeEvent(data, "probe");
            long t3 = GC.GetAllocatedBytesForCurrentThread();
            steps = [t1 - t0, t2 - t1, t3 - t2];
            GC.KeepAlive(mergeKey);
            GC.KeepAlive(evt);
            if (round == 1)
            {
                Console.WriteLine($"Track serialization: resolve {steps[0]} | profile fragment + merge key {steps[1]} (fragment {profile.Length} B) | event fragment {steps[2]} (fragment {evt.Length} B)");
            }
        }
    }

    /// <summary>The wire serialization step alone (for <see cref="AllocationTypes"/>).</summary>
    public static int SerializeForTypes(KlaviyoAction action, KlaviyoBulkEndpoints endpoints) => Serialize(action, endpoints);

    private static int Serialize(KlaviyoAction action, KlaviyoBulkEndpoints endpoints)
    {
        int bytes = 0;
        switch (action)
        {
            case UpsertProfileAction upsert:
                bytes += BulkWire.Fragment(endpoints.ProfileImport.Measure(upsert.Request).Wire).Length;
                break;
            case TrackEventAction track:
                bytes += Event(track.Request, endpoints);
                break;
            case OrderCompletedAction order:
                foreach (var evt in endpoints.OrderEvents!.Expand(order.Request))
                {
                    bytes += Event(evt, endpoints);
                }

                break;
        }

        return bytes;
    }

    private static int Event(TrackEventRequest request, KlaviyoBulkEndpoints endpoints)
    {
        var wire = (BulkEventWire)endpoints.EventCreate.Measure(request).Wire!;
        return wire.Profile.Length + wire.Event.Length;
    }
}
