namespace Klaviyo.Actions.Batching;

/// <summary>
/// Klaviyo's limits for one bulk endpoint and where its row errors point: facts the planner and executor
/// need, independent of the wire documents.
/// </summary>
/// <param name="Kind">The endpoint.</param>
/// <param name="Operation">Klaviyo's operation id, used in telemetry.</param>
/// <param name="MaxParts">Parts (profiles, events, ids) per request.</param>
/// <param name="MaxRequestBytes">Serialized bytes per request.</param>
/// <param name="MaxPartBytes">Serialized bytes per part, when Klaviyo states a limit.</param>
/// <param name="PartName">What a part is called in validation errors (<c>profile</c>, <c>event</c>, <c>profile_id</c>).</param>
/// <param name="MergedPartsCount">Whether a part merged into an existing row counts against <paramref name="MaxParts"/>.</param>
/// <param name="RowPointerPrefix">The JSON pointer prefix followed by a row index in Klaviyo's row errors.</param>
/// <param name="NestedPartPointer">For merged rows, the segment after the row index followed by a part index.</param>
internal sealed record BulkEndpointDescriptor(
    BulkEndpointKind Kind,
    string Operation,
    int MaxParts,
    int MaxRequestBytes,
    int? MaxPartBytes,
    string PartName,
    bool MergedPartsCount,
    string RowPointerPrefix,
    string? NestedPartPointer)
{
    public static readonly BulkEndpointDescriptor ProfileImport = new(
        BulkEndpointKind.ProfileImport, "bulk_import_profiles", KlaviyoBulkLimits.MaxProfilesPerImportJob, KlaviyoBulkLimits.MaxRequestBytes,
        KlaviyoBulkLimits.MaxProfileBytes, "profile", true, "/data/attributes/profiles/data/", null);

    public static readonly BulkEndpointDescriptor EventCreate = new(
        BulkEndpointKind.EventCreate, "bulk_create_events", KlaviyoBulkLimits.MaxEventsPerBulkCreate, KlaviyoBulkLimits.MaxRequestBytes,
        null, "event", true, "/data/attributes/events-bulk-create/data/", "/attributes/events/data/");

    public static readonly BulkEndpointDescriptor Subscribe = new(
        BulkEndpointKind.Subscribe, "bulk_subscribe_profiles", KlaviyoBulkLimits.MaxProfilesPerSubscribe, KlaviyoBulkLimits.MaxRequestBytes,
        KlaviyoBulkLimits.MaxProfileBytes, "profile", true, "/data/attributes/profiles/data/", null);

    public static readonly BulkEndpointDescriptor Unsubscribe = new(
        BulkEndpointKind.Unsubscribe, "bulk_unsubscribe_profiles", KlaviyoBulkLimits.MaxProfilesPerUnsubscribe, KlaviyoBulkLimits.MaxRequestBytes,
        KlaviyoBulkLimits.MaxProfileBytes, "profile", true, "/data/attributes/profiles/data/", null);

    public static readonly BulkEndpointDescriptor ListAdd = new(
        BulkEndpointKind.ListAdd, "add_profiles_to_list", KlaviyoBulkLimits.MaxProfileIdsPerListChange, KlaviyoBulkLimits.MaxRequestBytes,
        null, "profile_id", false, "/data/", null);

    public static readonly BulkEndpointDescriptor ListRemove = new(
        BulkEndpointKind.ListRemove, "remove_profiles_from_list", KlaviyoBulkLimits.MaxProfileIdsPerListChange, KlaviyoBulkLimits.MaxRequestBytes,
        null, "profile_id", false, "/data/", null);

    /// <summary>The descriptor of an endpoint.</summary>
    public static BulkEndpointDescriptor For(BulkEndpointKind kind) => kind switch
    {
        BulkEndpointKind.ProfileImport => ProfileImport,
        BulkEndpointKind.EventCreate => EventCreate,
        BulkEndpointKind.Subscribe => Subscribe,
        BulkEndpointKind.Unsubscribe => Unsubscribe,
        BulkEndpointKind.ListAdd => ListAdd,
        _ => ListRemove,
    };
}
