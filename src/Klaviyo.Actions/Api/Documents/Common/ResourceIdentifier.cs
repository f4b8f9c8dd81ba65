using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>A JSON:API resource identifier: <c>{"type":"profile","id":"01GD…"}</c>.</summary>
/// <param name="Type">The resource type.</param>
/// <param name="Id">The resource id.</param>
internal sealed record ResourceIdentifier(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id)
{
    public static ResourceIdentifier Profile(string id) => new(ResourceTypes.Profile, id);

    public static ResourceIdentifier List(string id) => new(ResourceTypes.List, id);
}
