using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>A profile's <c>location</c> as <c>GET /api/profiles</c> returns it (the address parts this library reads).</summary>
internal sealed record ProfileReadLocation(
    [property: JsonPropertyName("address1")] string? Address1,
    [property: JsonPropertyName("address2")] string? Address2,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("zip")] string? Zip,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("timezone")] string? Timezone);

/// <summary>Every attribute of a profile read back from Klaviyo that the Klaviyo → Segment direction uses.</summary>
internal sealed record ProfileReadAttributes(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("external_id")] string? ExternalId,
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("locale")] string? Locale,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("created")] DateTimeOffset? Created,
    [property: JsonPropertyName("updated")] DateTimeOffset? Updated,
    [property: JsonPropertyName("location")] ProfileReadLocation? Location,
    [property: JsonPropertyName("properties")] Dictionary<string, JsonElement>? Properties);

/// <summary>One profile of a <c>GET /api/profiles</c> page, or an included profile of <c>GET /api/events</c>.</summary>
internal sealed record ProfileReadData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] ProfileReadAttributes? Attributes);

/// <summary>A page of <c>GET /api/profiles</c> with every attribute.</summary>
internal sealed record ProfileReadCollectionResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<ProfileReadData>? Data,
    [property: JsonPropertyName("links")] CollectionLinks? Links);
