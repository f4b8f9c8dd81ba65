using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>A page of <c>GET /api/profile-bulk-import-jobs/{id}/import-errors</c> (page size 1–100).</summary>
internal sealed record ImportErrorsPage(
    [property: JsonPropertyName("data")] IReadOnlyList<ImportErrorData>? Data,
    [property: JsonPropertyName("links")] CollectionLinks? Links);

/// <summary>One import error.</summary>
internal sealed record ImportErrorData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] ImportErrorAttributes? Attributes);

/// <summary>An import error's details; <see cref="OriginalPayload"/> is the profile as submitted.</summary>
internal sealed record ImportErrorAttributes(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("source")] ImportErrorSource? Source,
    [property: JsonPropertyName("original_payload")] JsonElement? OriginalPayload);

/// <summary>Where an import error points, e.g. <c>/data/attributes/profiles/data/3/attributes/email</c>.</summary>
internal sealed record ImportErrorSource([property: JsonPropertyName("pointer")] string? Pointer);
