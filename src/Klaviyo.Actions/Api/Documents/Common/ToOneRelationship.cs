using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>A to-one relationship: <c>{"data":{"type":"list","id":"…"}}</c>.</summary>
/// <param name="Data">The related resource.</param>
internal sealed record ToOneRelationship([property: JsonPropertyName("data")] ResourceIdentifier Data);
