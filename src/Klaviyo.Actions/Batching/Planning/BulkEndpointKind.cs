namespace Klaviyo.Actions.Batching;

/// <summary>The Klaviyo bulk endpoints the planner sends through.</summary>
internal enum BulkEndpointKind
{
    /// <summary><c>POST /api/profile-bulk-import-jobs</c>.</summary>
    ProfileImport,

    /// <summary><c>POST /api/event-bulk-create-jobs</c>.</summary>
    EventCreate,

    /// <summary><c>POST /api/profile-subscription-bulk-create-jobs</c>.</summary>
    Subscribe,

    /// <summary><c>POST /api/profile-subscription-bulk-delete-jobs</c>.</summary>
    Unsubscribe,

    /// <summary><c>POST /api/lists/{id}/relationships/profiles</c>.</summary>
    ListAdd,

    /// <summary><c>DELETE /api/lists/{id}/relationships/profiles</c>.</summary>
    ListRemove,
}
