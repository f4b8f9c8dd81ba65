using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>An event's attributes as <c>GET /api/events</c> returns them.</summary>
internal sealed record EventReadAttributes(
    [property: JsonPropertyName("datetime")] DateTimeOffset? Datetime,
    [property: JsonPropertyName("uuid")] string? Uuid,
    [property: JsonPropertyName("event_properties")] JsonElement EventProperties);

/// <summary>A to-one relationship read back: <c>{"data":{"type":…,"id":…}}</c>.</summary>
internal sealed record RelationshipRead([property: JsonPropertyName("data")] ResourceIdentifier? Data);

/// <summary>An event's <c>relationships</c>.</summary>
internal sealed record EventReadRelationships(
    [property: JsonPropertyName("metric")] RelationshipRead? Metric,
    [property: JsonPropertyName("profile")] RelationshipRead? Profile);

/// <summary>One event of a <c>GET /api/events</c> page.</summary>
internal sealed record EventReadData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] EventReadAttributes? Attributes,
    [property: JsonPropertyName("relationships")] EventReadRelationships? Relationships);

/// <summary>
/// A resource of <c>included</c>: a metric or a profile. Its attributes are kept as JSON and read with the type's own
/// document once the type is known.
/// </summary>
internal sealed record IncludedResource(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] JsonElement Attributes);

/// <summary>A page of <c>GET /api/events?include=metric,profile</c>.</summary>
internal sealed record EventReadCollectionResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<EventReadData>? Data,
    [property: JsonPropertyName("included")] IReadOnlyList<IncludedResource>? Included,
    [property: JsonPropertyName("links")] CollectionLinks? Links);
