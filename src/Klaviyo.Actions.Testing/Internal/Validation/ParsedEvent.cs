using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>The attributes of one event, checked.</summary>
internal sealed record ParsedEvent(
    string MetricName,
    string? MetricService,
    DateTimeOffset? Time,
    JsonElement Properties,
    decimal? Value,
    string? ValueCurrency,
    string? UniqueId,
    bool? Backfill);
