using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// The body of <c>POST /api/profile-bulk-import-jobs</c>: profiles (pre-serialized <see cref="ProfileResource"/>
/// fragments, see <see cref="SerializeProfile(UpsertProfileRequest, string)"/>) and optional <c>relationships.lists</c>.
/// </summary>
/// <param name="Data">The job.</param>
internal sealed record ProfileBulkImportJobDocument([property: JsonPropertyName("data")] ProfileBulkImportJobResource Data)
{
    /// <summary>Builds the job document.</summary>
    /// <param name="profiles">The profile fragments.</param>
    /// <param name="listIds">Lists every profile is added to; none when empty or <see langword="null"/>.</param>
    public static ProfileBulkImportJobDocument Create(IReadOnlyList<JsonFragment> profiles, IReadOnlyList<string>? listIds = null) =>
        new(new ProfileBulkImportJobResource(
            new ProfileBulkImportJobAttributes(new FragmentList(profiles)),
            listIds is { Count: > 0 } ? new ProfileBulkImportJobRelationships(ResourceIdentifierList.Lists(listIds)) : null));

    /// <summary>Serializes one profile entry once; its <see cref="JsonFragment.Length"/> is its size for the 100 KB rule.</summary>
    /// <param name="attributes">The profile's attributes.</param>
    /// <param name="action">The action named by a validation error.</param>
    public static JsonFragment SerializeProfile(ProfileAttributes attributes, string action) =>
        KlaviyoWire.ToFragment(new ProfileResource(null, attributes), KlaviyoJsonContext.Default.ProfileResource, action);

    /// <summary>
    /// Serializes one Upsert Profile request's entry once, written by hand (<see cref="ProfileFragmentWriter"/>):
    /// the bytes of <see cref="SerializeProfile(ProfileAttributes, string)"/> over <see cref="ProfileAttributes.From(UpsertProfileRequest)"/>.
    /// </summary>
    /// <param name="request">The normalized request.</param>
    /// <param name="action">The action named by a validation error.</param>
    public static JsonFragment SerializeProfile(UpsertProfileRequest request, string action) =>
        new(KlaviyoWire.Write(request, ProfileFragmentWriter.ImportProfile, action));

    /// <summary>The size of the job with no profiles (see <see cref="BulkDocumentSize"/>).</summary>
    /// <param name="listIds">The job's lists.</param>
    public static int EnvelopeBytes(IReadOnlyList<string>? listIds = null) =>
        KlaviyoWire.Serialize(Create([], listIds), KlaviyoJsonContext.Default.ProfileBulkImportJobDocument, "bulkImportProfiles").Length;

    /// <summary>The exact size of a job holding <paramref name="profiles"/>.</summary>
    public static long MeasureBytes(IReadOnlyList<JsonFragment> profiles, IReadOnlyList<string>? listIds = null) =>
        BulkDocumentSize.Of(EnvelopeBytes(listIds), profiles.Count, profiles.Sum(p => (long)p.Length));
}

/// <summary>The job resource object.</summary>
internal sealed record ProfileBulkImportJobResource(
    [property: JsonPropertyName("attributes")] ProfileBulkImportJobAttributes Attributes,
    [property: JsonPropertyName("relationships")] ProfileBulkImportJobRelationships? Relationships)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.ProfileBulkImportJob;
}

/// <summary>The job's attributes: <c>{"profiles":{"data":[…]}}</c>.</summary>
internal sealed record ProfileBulkImportJobAttributes([property: JsonPropertyName("profiles")] FragmentList Profiles);

/// <summary>The job's <c>relationships.lists</c>.</summary>
internal sealed record ProfileBulkImportJobRelationships([property: JsonPropertyName("lists")] ResourceIdentifierList Lists);

/// <summary><c>{"data":[fragments…]}</c>.</summary>
internal sealed record FragmentList([property: JsonPropertyName("data")] IReadOnlyList<JsonFragment> Data);
