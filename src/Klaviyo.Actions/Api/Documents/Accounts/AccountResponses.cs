using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>The response of <c>GET /api/accounts</c> (one account in <c>data</c>).</summary>
internal sealed record AccountCollectionResponse([property: JsonPropertyName("data")] IReadOnlyList<AccountData>? Data);

/// <summary>An account.</summary>
internal sealed record AccountData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] AccountAttributes? Attributes);

/// <summary>An account's attributes (the ones this library uses).</summary>
internal sealed record AccountAttributes(
    [property: JsonPropertyName("test_account")] bool? TestAccount,
    [property: JsonPropertyName("timezone")] string? Timezone,
    [property: JsonPropertyName("preferred_currency")] string? PreferredCurrency,
    [property: JsonPropertyName("contact_information")] AccountContactInformation? ContactInformation);

/// <summary>An account's contact information.</summary>
internal sealed record AccountContactInformation([property: JsonPropertyName("organization_name")] string? OrganizationName);
