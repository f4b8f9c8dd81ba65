namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>A metric: created the first time an event of its name is recorded, as Klaviyo does.</summary>
internal sealed record MetricRecord(string Id, string Name, DateTimeOffset Created, long Sequence);

/// <summary>Metrics by name, each with a 6-character id. Thread-safe.</summary>
internal sealed class MetricStore(IdGenerator ids)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, MetricRecord> _byName = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The id of the metric named <paramref name="name"/>, creating the metric on first use.</summary>
    public string IdFor(string name, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_byName.TryGetValue(name, out var metric))
            {
                metric = new MetricRecord(ids.Alphanumeric(6), name, now, ++_sequence);
                _byName.Add(name, metric);
            }

            return metric.Id;
        }
    }

    /// <summary>The metric with an id, or <see langword="null"/>.</summary>
    public MetricRecord? Get(string id)
    {
        lock (_gate)
        {
            return _byName.Values.FirstOrDefault(metric => metric.Id == id);
        }
    }

    /// <summary>Every metric in creation order.</summary>
    public List<MetricRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _byName.Values.OrderBy(metric => metric.Sequence)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byName.Clear();
        }
    }
}
