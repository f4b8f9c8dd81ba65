namespace Klaviyo.Actions;

/// <summary>
/// Track Event: record an event (a metric) against a profile (Segment action <c>trackEvent</c>).
/// </summary>
public sealed record TrackEventRequest
{
    /// <summary>The profile the event belongs to.</summary>
    public required EventProfile Profile { get; init; }

    /// <summary>The metric (event) name; fewer than 128 characters.</summary>
    public required string MetricName { get; init; }

    /// <summary>Event properties (at most 400). An empty dictionary is sent when <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Properties { get; init; }

    /// <summary>When the event happened; after 2000 and at most a year ahead. Klaviyo uses the receipt time when absent.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>A monetary value for the event.</summary>
    public decimal? Value { get; init; }

    /// <summary>ISO 4217 currency of <see cref="Value"/> (<c>value_currency</c>).</summary>
    public string? ValueCurrency { get; init; }

    /// <summary>
    /// Deduplication key (1–255 characters). When absent a deterministic id is derived from the request,
    /// so a retried call can never record the event twice.
    /// </summary>
    public string? UniqueId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"TrackEvent '{MetricName}' {Profile}";
}
