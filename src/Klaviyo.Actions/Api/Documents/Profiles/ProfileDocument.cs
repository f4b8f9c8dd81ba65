using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>The body of <c>POST /api/profile-import</c> and <c>PATCH /api/profiles/{id}</c>.</summary>
/// <param name="Data">The profile.</param>
internal sealed record ProfileDocument([property: JsonPropertyName("data")] ProfileResource Data);
