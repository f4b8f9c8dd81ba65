using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Klaviyo.Actions.Diagnostics;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// Listens to the SDK's batching metrics during one run: queue flushes by reason (limit, count, bytes, capacity,
/// delay, explicit, shutdown) and the parts per bulk request, in size bands, so a run shows why its bulk requests were
/// cut where they were. Only these two instruments are enabled.
/// </summary>
internal sealed class BatchingCounters : IDisposable
{
    private const string FlushesInstrument = "klaviyo.actions.flushes";
    private const string BatchSizeInstrument = "klaviyo.actions.batch.size";

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public BatchingCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KlaviyoDiagnostics.MeterName && instrument.Name is FlushesInstrument or BatchSizeInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add($"flush: {Tag(tags, "klaviyo.flush.reason")}", (int)value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add($"bulk request of {Band(value)} parts", 1));
        _listener.Start();
    }

    /// <summary>What was counted so far.</summary>
    public IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();

    private void Add(string key, int n) => _counts.AddOrUpdate(key, n, (_, c) => c + n);

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString() ?? "?";
            }
        }

        return "?";
    }

    private static string Band(int parts) => parts switch
    {
        1 => "1",
        < 10 => "2-9",
        < 100 => "10-99",
        < 1000 => "100-999",
        _ => "1000+",
    };
}
