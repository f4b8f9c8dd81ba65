using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>The identifiers of a profile read back from Klaviyo.</summary>
internal sealed record ProfileIdentifierAttributes(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("external_id")] string? ExternalId);

/// <summary>A profile read back from Klaviyo (only the parts this library uses).</summary>
internal sealed record ProfileData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] ProfileIdentifierAttributes? Attributes);

/// <summary>The response of profile-import and PATCH profile: <c>{"data":{"id":…}}</c>.</summary>
internal sealed record ProfileResponse([property: JsonPropertyName("data")] ProfileData? Data);

/// <summary>A page of <c>GET /api/profiles</c>.</summary>
internal sealed record ProfileCollectionResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<ProfileData>? Data,
    [property: JsonPropertyName("links")] CollectionLinks? Links);
