namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// One event ready for the wire: everything resolved (time formatted, unique id chosen, properties final).
/// The single, order, product and bulk event documents are all built from it.
/// </summary>
/// <param name="MetricName">The metric name.</param>
/// <param name="Profile">The profile (normalized).</param>
/// <param name="Properties">The event properties; an empty dictionary sends <c>{}</c>.</param>
/// <param name="Time">The time as sent (<see cref="KlaviyoTime.ToWire"/>), or <see langword="null"/> for Klaviyo's receipt time.</param>
/// <param name="Value">The monetary value.</param>
/// <param name="ValueCurrency">The ISO 4217 currency of <paramref name="Value"/>.</param>
/// <param name="UniqueId">The deduplication id.</param>
internal sealed record EventData(
    string MetricName,
    EventProfile Profile,
    IReadOnlyDictionary<string, object?> Properties,
    string? Time,
    decimal? Value,
    string? ValueCurrency,
    string UniqueId);
