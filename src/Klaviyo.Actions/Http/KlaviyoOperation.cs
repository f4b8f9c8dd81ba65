namespace Klaviyo.Actions.Http;

/// <summary>Klaviyo's rate-limit tiers (per account; burst per second and steady per minute).</summary>
internal enum RateLimitTier
{
    /// <summary>1/s, 15/min.</summary>
    XS,

    /// <summary>3/s, 60/min.</summary>
    S,

    /// <summary>10/s, 150/min.</summary>
    M,

    /// <summary>75/s, 750/min (revisions from 2026-01-15).</summary>
    L,

    /// <summary>350/s, 3500/min.</summary>
    XL,
}

/// <summary>Whether repeating a request after an unknown outcome (timeout, 5xx) can change Klaviyo's state twice.</summary>
internal enum RetrySafety
{
    /// <summary>Reads, or writes that set state (upsert, list relationships, consent): repeating gives the same result.</summary>
    Idempotent,

    /// <summary>Writes that create (events) but carry a stable <c>unique_id</c> Klaviyo deduplicates on.</summary>
    Deduplicated,

    /// <summary>Writes that may create twice (list creation): retried only when Klaviyo certainly did not process them (429).</summary>
    Unsafe,
}

/// <summary>One Klaviyo endpoint: its name, rate-limit tier and retry safety.</summary>
/// <param name="Name">Klaviyo's operation id, e.g. <c>create_or_update_profile</c>.</param>
/// <param name="Tier">The rate-limit tier.</param>
/// <param name="Safety">Whether it may be retried after an unknown outcome.</param>
internal sealed record KlaviyoOperation(string Name, RateLimitTier Tier, RetrySafety Safety)
{
    public static readonly KlaviyoOperation GetAccounts = new("get_accounts", RateLimitTier.XS, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation CreateOrUpdateProfile = new("create_or_update_profile", RateLimitTier.L, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation UpdateProfile = new("update_profile", RateLimitTier.L, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation GetProfiles = new("get_profiles", RateLimitTier.L, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation GetEvents = new("get_events", RateLimitTier.XL, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation GetMetrics = new("get_metrics", RateLimitTier.M, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation CreateEvent = new("create_event", RateLimitTier.XL, RetrySafety.Deduplicated);
    public static readonly KlaviyoOperation BulkCreateEvents = new("bulk_create_events", RateLimitTier.M, RetrySafety.Deduplicated);
    public static readonly KlaviyoOperation BulkImportProfiles = new("bulk_import_profiles", RateLimitTier.M, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation GetBulkImportProfilesJob = new("get_bulk_import_profiles_job", RateLimitTier.M, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation GetBulkImportProfilesJobErrors = new("get_errors_for_bulk_import_profiles_job", RateLimitTier.M, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation BulkSubscribeProfiles = new("bulk_subscribe_profiles", RateLimitTier.L, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation BulkUnsubscribeProfiles = new("bulk_unsubscribe_profiles", RateLimitTier.L, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation AddProfilesToList = new("add_profiles_to_list", RateLimitTier.M, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation RemoveProfilesFromList = new("remove_profiles_from_list", RateLimitTier.M, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation GetLists = new("get_lists", RateLimitTier.L, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation GetList = new("get_list", RateLimitTier.L, RetrySafety.Idempotent);
    public static readonly KlaviyoOperation CreateList = new("create_list", RateLimitTier.M, RetrySafety.Unsafe);
    public static readonly KlaviyoOperation RequestProfileDeletion = new("request_profile_deletion", RateLimitTier.S, RetrySafety.Idempotent);
}
