using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>The body of <c>POST /api/lists</c>: <c>{"data":{"type":"list","attributes":{"name":…}}}</c>.</summary>
/// <param name="Data">The list.</param>
internal sealed record ListCreateDocument([property: JsonPropertyName("data")] ListCreateResource Data)
{
    public static ListCreateDocument Named(string name) => new(new ListCreateResource(new ListCreateAttributes(name)));
}

/// <summary>The list to create.</summary>
internal sealed record ListCreateResource([property: JsonPropertyName("attributes")] ListCreateAttributes Attributes)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.List;
}

/// <summary>The attributes of the list to create.</summary>
internal sealed record ListCreateAttributes([property: JsonPropertyName("name")] string Name);
