using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// A profile resource object <c>{"type":"profile","id"?,"attributes":{…}}</c>: the <c>data</c> of
/// profile-import and PATCH profile, and one entry of a bulk import job.
/// </summary>
/// <param name="Id">The profile id (PATCH); omitted when <see langword="null"/>.</param>
/// <param name="Attributes">The attributes.</param>
internal sealed record ProfileResource(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] ProfileAttributes Attributes)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.Profile;
}
