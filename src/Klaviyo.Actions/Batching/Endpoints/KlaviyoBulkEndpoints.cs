namespace Klaviyo.Actions.Batching;

/// <summary>
/// Everything the bulk engine needs from the wire layer: <see cref="KlaviyoWireEndpoints.Create"/> builds it over a
/// client's transport and JSON:API documents (<see cref="KlaviyoClient.CreateBulkEndpoints"/>); tests build one over fakes.
/// </summary>
internal sealed class KlaviyoBulkEndpoints
{
    /// <summary><c>POST /api/profile-bulk-import-jobs</c> (Upsert Profile, Add Profile to List).</summary>
    public required IBulkEndpoint<UpsertProfileRequest> ProfileImport { get; init; }

    /// <summary><c>POST /api/event-bulk-create-jobs</c> (Track Event, Order Completed).</summary>
    public required IBulkEndpoint<TrackEventRequest> EventCreate { get; init; }

    /// <summary><c>POST /api/profile-subscription-bulk-create-jobs</c>.</summary>
    public required IBulkEndpoint<SubscribeProfileRequest> Subscribe { get; init; }

    /// <summary><c>POST /api/profile-subscription-bulk-delete-jobs</c>.</summary>
    public required IBulkEndpoint<UnsubscribeProfileRequest> Unsubscribe { get; init; }

    /// <summary><c>DELETE /api/lists/{id}/relationships/profiles</c> (Remove Profile from List, Remove Profile).</summary>
    public required IBulkEndpoint<string> ListRemove { get; init; }

    /// <summary><c>POST /api/lists/{id}/relationships/profiles</c>; not used by the eight actions (Add Profile to List goes through import).</summary>
    public IBulkEndpoint<string>? ListAdd { get; init; }

    /// <summary>The identifier → profile id look-up for removals.</summary>
    public required IProfileIdLookup ProfileLookup { get; init; }

    /// <summary>Reads import jobs for job tracking; tracking is skipped when <see langword="null"/>.</summary>
    public IImportJobTracker? ImportJobs { get; init; }

    /// <summary>The Order Completed expansion; the client's own (<see cref="OrderEventExpander"/> over the engine's clock) when <see langword="null"/>.</summary>
    public IOrderEventExpander? OrderEvents { get; init; }
}
