using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// The batching instruments on the <see cref="KlaviyoDiagnostics.MeterName"/> meter. One set per meter: the
/// process-wide meter without DI, or one per <see cref="IMeterFactory"/>. Queue lengths of every live batcher
/// using the same meter are summed into one gauge.
/// </summary>
internal sealed class BatchingTelemetry
{
    public const string QueueLengthInstrument = "klaviyo.actions.queue.length";
    public const string BatchSizeInstrument = "klaviyo.actions.batch.size";
    public const string ItemsInstrument = "klaviyo.actions.items";
    public const string FlushesInstrument = "klaviyo.actions.flushes";

    public const string ActionTag = "klaviyo.action";
    public const string OutcomeTag = "klaviyo.outcome";
    public const string OperationTag = "klaviyo.operation";
    public const string FlushReasonTag = "klaviyo.flush.reason";

    private static readonly Lazy<BatchingTelemetry> SharedInstance = new(() => new BatchingTelemetry(new Meter(KlaviyoDiagnostics.MeterName)));
    private static readonly ConditionalWeakTable<IMeterFactory, BatchingTelemetry> ByFactory = new();

    private readonly Counter<long> _items;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _flushes;
    private readonly List<Func<long>> _queues = [];

    private BatchingTelemetry(Meter meter)
    {
        _items = meter.CreateCounter<long>(ItemsInstrument, "{item}", "Items handed to bulk calls or the queue, by action and outcome (accepted, invalid, rejected, failed).");
        _batchSize = meter.CreateHistogram<int>(BatchSizeInstrument, "{part}", "Parts (profiles, events, profile ids) per bulk request sent to Klaviyo.");
        _flushes = meter.CreateCounter<long>(FlushesInstrument, "{flush}", "Queue flushes, by reason (limit, count, bytes, capacity, delay, explicit, shutdown) and, for a flush of one group, the Klaviyo operation.");
        meter.CreateObservableGauge(QueueLengthInstrument, ObserveQueues, "{item}", "Items waiting in background queues to be sent.");
    }

    /// <summary>The instruments on the given factory's meter, or on the process-wide meter.</summary>
    public static BatchingTelemetry For(IMeterFactory? meterFactory) =>
        meterFactory is null
            ? SharedInstance.Value
            : ByFactory.GetValue(meterFactory, static f => new BatchingTelemetry(f.Create(new MeterOptions(KlaviyoDiagnostics.MeterName))));

    public static string OutcomeName(KlaviyoItemStatus status) => status switch
    {
        KlaviyoItemStatus.Accepted => "accepted",
        KlaviyoItemStatus.Invalid => "invalid",
        KlaviyoItemStatus.Rejected => "rejected",
        _ => "failed",
    };

    public static string ReasonName(FlushReason reason) => reason switch
    {
        FlushReason.Limit => "limit",
        FlushReason.Count => "count",
        FlushReason.Bytes => "bytes",
        FlushReason.Delay => "delay",
        FlushReason.Explicit => "explicit",
        FlushReason.Capacity => "capacity",
        _ => "shutdown",
    };

    public void RecordItem(string action, KlaviyoItemStatus status) =>
        _items.Add(1, new KeyValuePair<string, object?>(ActionTag, action), new KeyValuePair<string, object?>(OutcomeTag, OutcomeName(status)));

    public void RecordBatchSize(string operation, int parts) =>
        _batchSize.Record(parts, new KeyValuePair<string, object?>(OperationTag, operation));

    /// <summary>Counts a flush; <paramref name="operation"/> names the endpoint when the flush sends one group.</summary>
    public void RecordFlush(FlushReason reason, string? operation = null)
    {
        if (operation is null)
        {
            _flushes.Add(1, new KeyValuePair<string, object?>(FlushReasonTag, ReasonName(reason)));
        }
        else
        {
            _flushes.Add(1, new KeyValuePair<string, object?>(FlushReasonTag, ReasonName(reason)), new KeyValuePair<string, object?>(OperationTag, operation));
        }
    }

    /// <summary>Adds a queue to the length gauge until the returned handle is disposed.</summary>
    public IDisposable RegisterQueue(Func<long> length)
    {
        lock (_queues)
        {
            _queues.Add(length);
        }

        return new Registration(this, length);
    }

    private IEnumerable<Measurement<long>> ObserveQueues()
    {
        long total = 0;
        int count;
        lock (_queues)
        {
            count = _queues.Count;
            foreach (var queue in _queues)
            {
                total += queue();
            }
        }

        return count == 0 ? [] : [new Measurement<long>(total)];
    }

    private sealed class Registration(BatchingTelemetry owner, Func<long> length) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._queues)
            {
                owner._queues.Remove(length);
            }
        }
    }
}

/// <summary>Why the queue sent a batch.</summary>
internal enum FlushReason
{
    /// <summary>A group reached its endpoint's Klaviyo limit (count or bytes): one more part would need a second request.</summary>
    Limit,

    /// <summary>A group reached <see cref="KlaviyoBatchingOptions.MaxBatchItems"/>.</summary>
    Count,

    /// <summary>A group reached <see cref="KlaviyoBatchingOptions.MaxBatchBytes"/>.</summary>
    Bytes,

    /// <summary><see cref="KlaviyoBatchingOptions.MaxDelay"/> elapsed for the oldest item.</summary>
    Delay,

    /// <summary><c>FlushAsync</c> was called.</summary>
    Explicit,

    /// <summary>The queue is draining for shutdown.</summary>
    Shutdown,

    /// <summary>The groups held <see cref="KlaviyoBatchingOptions.Capacity"/> items: the largest was sent.</summary>
    Capacity,
}
