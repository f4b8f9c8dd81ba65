using System.Diagnostics.Tracing;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// Which types the default-mapping path allocates (<c>-- probe-types</c>): the runtime's sampled allocation events
/// (one per ~100 KB allocated, naming the type that crossed the threshold) over many map + validate + serialize
/// runs of one event kind. Proportions, not exact bytes; use <see cref="AllocationProbe"/> for exact per-step bytes.
/// </summary>
internal static class AllocationTypes
{
    public static void Run(string kind)
    {
        var (slug, json) = kind switch
        {
            "identify" => (KlaviyoActionSlugs.UpsertProfile, SegmentSamples.Identify),
            "order" => (KlaviyoActionSlugs.OrderCompleted, SegmentSamples.OrderCompleted),
            _ => (KlaviyoActionSlugs.TrackEvent, SegmentSamples.Track),
        };
        var endpoints = OfflineKlaviyo.Endpoints();
        var action = KlaviyoActionCatalog.Get(slug);
        var segmentEvent = SegmentEvent.Parse(json);
        using var listener = new Listener();
        for (int i = 0; i < 300_000; i++)
        {
            var mapped = KlaviyoActionMapper.MapWithDefaults(action, segmentEvent);
            var valid = mapped.Action!.Validate(timeProvider: null, out _)!;
            GC.KeepAlive(AllocationProbe.SerializeForTypes(valid, endpoints));
        }

        foreach (var (type, count) in listener.Counts.OrderByDescending(p => p.Value).Take(40))
        {
            Console.WriteLine($"{count,6}  {type}");
        }
    }

    private sealed class Listener : EventListener
    {
        public Dictionary<string, int> Counts { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
            {
                int index = eventData.PayloadNames!.IndexOf("TypeName");
                string type = index >= 0 ? payload[index]?.ToString() ?? "?" : "?";
                lock (Counts)
                {
                    Counts[type] = Counts.GetValueOrDefault(type) + 1;
                }
            }
        }
    }
}
