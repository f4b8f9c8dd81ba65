using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>A list read back from Klaviyo.</summary>
internal sealed record ListData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] ListDataAttributes? Attributes);

/// <summary>A list's attributes (the ones this library uses).</summary>
internal sealed record ListDataAttributes(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("opt_in_process")] string? OptInProcess);

/// <summary>The response of <c>POST /api/lists</c> and <c>GET /api/lists/{id}</c>.</summary>
internal sealed record ListResponse([property: JsonPropertyName("data")] ListData? Data);

/// <summary>A page of <c>GET /api/lists</c>.</summary>
internal sealed record ListCollectionResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<ListData>? Data,
    [property: JsonPropertyName("links")] CollectionLinks? Links);
