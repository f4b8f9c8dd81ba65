namespace Klaviyo.Actions.Batching;

/// <summary>
/// Klaviyo's documented limits for its bulk endpoints, which the planner splits requests at. Sizes are read
/// as decimal units (5 MB = 5,000,000 bytes, 100 KB = 100,000 bytes), the conservative reading.
/// </summary>
public static class KlaviyoBulkLimits
{
    /// <summary>The largest request body of any bulk endpoint, in bytes (5 MB).</summary>
    public const int MaxRequestBytes = 5_000_000;

    /// <summary>Profiles per bulk profile import job.</summary>
    public const int MaxProfilesPerImportJob = 10_000;

    /// <summary>The largest serialized profile in a bulk profile import job, in bytes (100 KB).</summary>
    public const int MaxProfileBytes = 100_000;

    /// <summary>Events per bulk event create request.</summary>
    public const int MaxEventsPerBulkCreate = 1_000;

    /// <summary>Profiles per bulk subscribe request.</summary>
    public const int MaxProfilesPerSubscribe = 1_000;

    /// <summary>Profiles per bulk unsubscribe request.</summary>
    public const int MaxProfilesPerUnsubscribe = 100;

    /// <summary>Profile ids per list add or remove request.</summary>
    public const int MaxProfileIdsPerListChange = 1_000;
}
