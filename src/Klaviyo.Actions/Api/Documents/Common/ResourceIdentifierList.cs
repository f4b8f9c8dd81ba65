using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// <c>{"data":[{"type":…,"id":…},…]}</c>: the body of <c>POST/DELETE /api/lists/{id}/relationships/profiles</c>
/// and the shape of a to-many relationship such as a bulk import job's <c>relationships.lists</c>.
/// </summary>
/// <param name="Data">The resource identifiers.</param>
internal sealed record ResourceIdentifierList([property: JsonPropertyName("data")] IReadOnlyList<ResourceIdentifier> Data)
{
    /// <summary>Klaviyo's limit of profile ids per list add/remove call.</summary>
    public const int MaxProfilesPerListCall = 1000;

    public static ResourceIdentifierList Profiles(IEnumerable<string> ids) => new([.. ids.Select(ResourceIdentifier.Profile)]);

    public static ResourceIdentifierList Lists(IEnumerable<string> ids) => new([.. ids.Select(ResourceIdentifier.List)]);
}
