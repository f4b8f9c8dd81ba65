using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// The body of <c>POST /api/profile-subscription-bulk-create-jobs</c> (subscribe) and
/// <c>POST /api/profile-subscription-bulk-delete-jobs</c> (unsubscribe). Holds many profiles, so batching
/// reuses it.
/// </summary>
/// <param name="Data">The job.</param>
internal sealed record SubscriptionJobDocument([property: JsonPropertyName("data")] SubscriptionJobResource Data)
{
    /// <summary>Klaviyo's limit of profiles per subscribe job.</summary>
    public const int MaxSubscribeProfiles = 1000;

    /// <summary>Klaviyo's limit of profiles per unsubscribe job.</summary>
    public const int MaxUnsubscribeProfiles = 100;

    /// <summary>A subscribe job (<c>custom_source</c> and <c>historical_import</c> always present).</summary>
    public static SubscriptionJobDocument Subscribe(
        IReadOnlyList<SubscriptionProfile> profiles,
        string customSource,
        bool historicalImport,
        string? listId) =>
        new(new SubscriptionJobResource(
            ResourceTypes.ProfileSubscriptionBulkCreateJob,
            new SubscriptionJobAttributes(customSource, historicalImport, new SubscriptionProfileList(profiles)),
            Relationships(listId)));

    /// <summary>An unsubscribe job (no <c>custom_source</c>/<c>historical_import</c>).</summary>
    public static SubscriptionJobDocument Unsubscribe(IReadOnlyList<SubscriptionProfile> profiles, string? listId) =>
        new(new SubscriptionJobResource(
            ResourceTypes.ProfileSubscriptionBulkDeleteJob,
            new SubscriptionJobAttributes(null, null, new SubscriptionProfileList(profiles)),
            Relationships(listId)));

    private static SubscriptionJobRelationships? Relationships(string? listId) =>
        string.IsNullOrEmpty(listId) ? null : new SubscriptionJobRelationships(new ToOneRelationship(ResourceIdentifier.List(listId)));
}

/// <summary>The job resource object.</summary>
internal sealed record SubscriptionJobResource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("attributes")] SubscriptionJobAttributes Attributes,
    [property: JsonPropertyName("relationships")] SubscriptionJobRelationships? Relationships);

/// <summary>The job's attributes; <c>custom_source</c>/<c>historical_import</c> are omitted for unsubscribe.</summary>
internal sealed record SubscriptionJobAttributes(
    [property: JsonPropertyName("custom_source")] string? CustomSource,
    [property: JsonPropertyName("historical_import")] bool? HistoricalImport,
    [property: JsonPropertyName("profiles")] SubscriptionProfileList Profiles);

/// <summary><c>{"data":[profiles…]}</c>.</summary>
internal sealed record SubscriptionProfileList([property: JsonPropertyName("data")] IReadOnlyList<SubscriptionProfile> Data);

/// <summary>The job's optional <c>relationships.list</c>.</summary>
internal sealed record SubscriptionJobRelationships([property: JsonPropertyName("list")] ToOneRelationship List);
