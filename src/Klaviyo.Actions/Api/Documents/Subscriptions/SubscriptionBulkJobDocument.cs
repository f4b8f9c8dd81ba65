using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// The body of a bulk subscribe or unsubscribe job built from profiles serialized once
/// (<see cref="SerializeProfile"/>), so batching can measure each profile before it cuts requests. Writes the same
/// JSON as <see cref="SubscriptionJobDocument"/> for the same profiles.
/// </summary>
/// <param name="Data">The job.</param>
internal sealed record SubscriptionBulkJobDocument([property: JsonPropertyName("data")] SubscriptionBulkJobResource Data)
{
    /// <summary>A subscribe job (<c>custom_source</c> and <c>historical_import</c> always present).</summary>
    /// <param name="profiles">The profile fragments.</param>
    /// <param name="customSource">The consent source.</param>
    /// <param name="historicalImport">Whether consent is historical.</param>
    /// <param name="listId">The list, or <see langword="null"/>.</param>
    public static SubscriptionBulkJobDocument Subscribe(IReadOnlyList<JsonFragment> profiles, string customSource, bool historicalImport, string? listId) =>
        new(new SubscriptionBulkJobResource(
            ResourceTypes.ProfileSubscriptionBulkCreateJob,
            new SubscriptionBulkJobAttributes(customSource, historicalImport, new FragmentList(profiles)),
            Relationships(listId)));

    /// <summary>An unsubscribe job (no <c>custom_source</c>/<c>historical_import</c>).</summary>
    /// <param name="profiles">The profile fragments.</param>
    /// <param name="listId">The list, or <see langword="null"/>.</param>
    public static SubscriptionBulkJobDocument Unsubscribe(IReadOnlyList<JsonFragment> profiles, string? listId) =>
        new(new SubscriptionBulkJobResource(
            ResourceTypes.ProfileSubscriptionBulkDeleteJob,
            new SubscriptionBulkJobAttributes(null, null, new FragmentList(profiles)),
            Relationships(listId)));

    /// <summary>Serializes one profile of a job once.</summary>
    /// <param name="profile">The profile (<see cref="SubscriptionProfiles"/>).</param>
    /// <param name="action">The action named by a validation error.</param>
    public static JsonFragment SerializeProfile(SubscriptionProfile profile, string action) =>
        KlaviyoWire.ToFragment(profile, KlaviyoJsonContext.Default.SubscriptionProfile, action);

    /// <summary>The serialized size of the job with no profiles (see <see cref="BulkDocumentSize"/>).</summary>
    /// <param name="document">The job with an empty profile list.</param>
    public static int EnvelopeBytes(SubscriptionBulkJobDocument document) =>
        KlaviyoWire.Serialize(document, KlaviyoJsonContext.Default.SubscriptionBulkJobDocument, "bulkSubscription").Length;

    private static SubscriptionJobRelationships? Relationships(string? listId) =>
        string.IsNullOrEmpty(listId) ? null : new SubscriptionJobRelationships(new ToOneRelationship(ResourceIdentifier.List(listId)));
}

/// <summary>The job resource object.</summary>
internal sealed record SubscriptionBulkJobResource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("attributes")] SubscriptionBulkJobAttributes Attributes,
    [property: JsonPropertyName("relationships")] SubscriptionJobRelationships? Relationships);

/// <summary>The job's attributes; <c>custom_source</c>/<c>historical_import</c> are omitted for unsubscribe.</summary>
internal sealed record SubscriptionBulkJobAttributes(
    [property: JsonPropertyName("custom_source")] string? CustomSource,
    [property: JsonPropertyName("historical_import")] bool? HistoricalImport,
    [property: JsonPropertyName("profiles")] FragmentList Profiles);
