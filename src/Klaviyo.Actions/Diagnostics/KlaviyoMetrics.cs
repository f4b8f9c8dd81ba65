using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace Klaviyo.Actions.Diagnostics;

/// <summary>
/// The library's instruments on the <c>Klaviyo.Actions</c> meter. One instance per meter: the static
/// <see cref="Default"/> without DI, one per container from <see cref="IMeterFactory"/> with DI.
/// </summary>
/// <remarks>
/// Callers outside the transport record per-item outcomes with <see cref="RecordItems"/>; inside
/// <see cref="KlaviyoClient"/> use the transport's instance (<c>_transport.Metrics</c>) so DI-created meters are honoured.
/// </remarks>
internal sealed class KlaviyoMetrics
{
    /// <summary>Counter of HTTP attempts sent to Klaviyo.</summary>
    public const string RequestsName = "klaviyo.actions.requests";

    /// <summary>Counter of retries scheduled.</summary>
    public const string RetriesName = "klaviyo.actions.retries";

    /// <summary>Counter of throttling: a 429 from Klaviyo or a wait in the client-side rate limiter.</summary>
    public const string ThrottledName = "klaviyo.actions.throttled";

    /// <summary>Counter of items (profiles, events, subscriptions) by action and outcome.</summary>
    public const string ItemsName = "klaviyo.actions.items";

    /// <summary>Histogram of attempt durations in seconds.</summary>
    public const string RequestDurationName = "klaviyo.actions.request.duration";

    /// <summary>Tag: Klaviyo's operation id, e.g. <c>create_event</c>.</summary>
    public const string OperationTag = "klaviyo.operation";

    /// <summary>Tag: the HTTP status code (absent when no response arrived).</summary>
    public const string StatusCodeTag = "http.response.status_code";

    /// <summary>Tag: the failure class (exception type name or status code) when the attempt failed.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag on <see cref="ThrottledName"/>: <c>server</c> (429) or <c>client</c> (rate-limiter wait).</summary>
    public const string ThrottleSourceTag = "klaviyo.throttle.source";

    /// <summary>Tag on <see cref="ItemsName"/>: the action, e.g. <c>trackEvent</c>.</summary>
    public const string ActionTag = "klaviyo.action";

    /// <summary>Tag on <see cref="ItemsName"/>: the outcome, e.g. <c>succeeded</c>, <c>failed</c>, <c>dropped</c>.</summary>
    public const string OutcomeTag = "klaviyo.outcome";

    private static readonly string? Version = typeof(KlaviyoMetrics).Assembly.GetName().Version?.ToString();

    private static readonly Lazy<KlaviyoMetrics> Shared = new(() => new KlaviyoMetrics(new Meter(KlaviyoDiagnostics.MeterName, Version)));

    private readonly Counter<long> _requests;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _items;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on <paramref name="meter"/>.</summary>
    /// <param name="meter">A meter named <see cref="KlaviyoDiagnostics.MeterName"/>.</param>
    public KlaviyoMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Meter = meter;
        _requests = meter.CreateCounter<long>(RequestsName, "{request}", "HTTP attempts sent to Klaviyo, by operation and status code.");
        _retries = meter.CreateCounter<long>(RetriesName, "{retry}", "Retries of Klaviyo calls, by operation and reason.");
        _throttled = meter.CreateCounter<long>(ThrottledName, "{wait}", "Throttling: 429 answers (source=server) and client-side rate-limiter waits (source=client).");
        _items = meter.CreateCounter<long>(ItemsName, "{item}", "Items handed to Klaviyo, by action and outcome.");
        _duration = meter.CreateHistogram<double>(RequestDurationName, "s", "Duration of HTTP attempts to Klaviyo.");
    }

    /// <summary>The instruments on the process-wide static meter, used when no <see cref="IMeterFactory"/> is available.</summary>
    public static KlaviyoMetrics Default => Shared.Value;

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter { get; }

    /// <summary>Instruments on a meter from <paramref name="meterFactory"/>, or <see cref="Default"/> when it is <see langword="null"/>.</summary>
    /// <param name="meterFactory">The DI meter factory, if any.</param>
    public static KlaviyoMetrics Create(IMeterFactory? meterFactory) =>
        meterFactory is null
            ? Default
            : new KlaviyoMetrics(meterFactory.Create(new MeterOptions(KlaviyoDiagnostics.MeterName) { Version = Version }));

    /// <summary>Records one HTTP attempt.</summary>
    /// <param name="operation">The operation id.</param>
    /// <param name="statusCode">The status, or <see langword="null"/> when the attempt threw.</param>
    /// <param name="errorType">The failure class, or <see langword="null"/> for a success.</param>
    /// <param name="duration">How long the attempt took.</param>
    public void RecordRequest(string operation, HttpStatusCode? statusCode, string? errorType, TimeSpan duration)
    {
        if (!_requests.Enabled && !_duration.Enabled)
        {
            // No listener: skip building the tag list (the status code would be boxed on every attempt).
            return;
        }

        var tags = new TagList { { OperationTag, operation } };
        if (statusCode is { } status)
        {
            tags.Add(StatusCodeTag, (int)status);
        }

        if (errorType is not null)
        {
            tags.Add(ErrorTypeTag, errorType);
        }

        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Records a scheduled retry.</summary>
    /// <param name="operation">The operation id.</param>
    /// <param name="reason">The status code or exception type that caused it.</param>
    public void RecordRetry(string operation, string reason) =>
        _retries.Add(1, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(ErrorTypeTag, reason));

    /// <summary>Records throttling.</summary>
    /// <param name="operation">The operation id.</param>
    /// <param name="source"><c>server</c> for a 429, <c>client</c> for a rate-limiter wait.</param>
    public void RecordThrottled(string operation, string source) =>
        _throttled.Add(1, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(ThrottleSourceTag, source));

    /// <summary>
    /// Records items that reached a final outcome. Call it once per action call or batch, e.g.
    /// <c>RecordItems("trackEvent", "succeeded", 1)</c> or <c>RecordItems("subscribeProfile", "failed", 3)</c>.
    /// </summary>
    /// <param name="action">The action slug (<c>upsertProfile</c>, <c>trackEvent</c>, <c>orderCompleted</c>, ...).</param>
    /// <param name="outcome">The outcome (<c>succeeded</c>, <c>failed</c>, <c>rejected</c>, <c>dropped</c>, ...).</param>
    /// <param name="count">How many items.</param>
    public void RecordItems(string action, string outcome, long count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        _items.Add(count, new KeyValuePair<string, object?>(ActionTag, action), new KeyValuePair<string, object?>(OutcomeTag, outcome));
    }
}
