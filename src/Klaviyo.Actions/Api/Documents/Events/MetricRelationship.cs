using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>An event's <c>metric</c>: <c>{"data":{"type":"metric","attributes":{"name":…}}}</c>.</summary>
/// <param name="Data">The metric.</param>
internal sealed record MetricRelationship([property: JsonPropertyName("data")] MetricResource Data)
{
    public static MetricRelationship Named(string name) => new(new MetricResource(new MetricAttributes(name)));
}

/// <summary>A metric resource object.</summary>
/// <param name="Attributes">The attributes.</param>
internal sealed record MetricResource([property: JsonPropertyName("attributes")] MetricAttributes Attributes)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.Metric;
}

/// <summary>A metric's attributes.</summary>
/// <param name="Name">The metric name (fewer than 128 characters).</param>
internal sealed record MetricAttributes([property: JsonPropertyName("name")] string Name);
