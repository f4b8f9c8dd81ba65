using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>A metric's <c>integration</c> (only its name is read).</summary>
internal sealed record MetricIntegration([property: JsonPropertyName("name")] string? Name);

/// <summary>A metric's attributes (the ones this library reads).</summary>
internal sealed record MetricReadAttributes(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("integration")] MetricIntegration? Integration);

/// <summary>One metric of <c>GET /api/metrics</c>.</summary>
internal sealed record MetricReadData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] MetricReadAttributes? Attributes);

/// <summary>A page of <c>GET /api/metrics</c>.</summary>
internal sealed record MetricCollectionResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<MetricReadData>? Data,
    [property: JsonPropertyName("links")] CollectionLinks? Links);
