namespace Klaviyo.Actions.Api.Documents;

/// <summary>Klaviyo's documented bulk limits (revision 2026-07-15). Byte limits use decimal units to stay on the safe side.</summary>
internal static class BulkLimits
{
    /// <summary>Profiles per bulk import job.</summary>
    public const int MaxProfilesPerImportJob = 10_000;

    /// <summary>Events per bulk create request.</summary>
    public const int MaxEventsPerBulkCreate = 1_000;

    /// <summary>Bytes per request ("5MB").</summary>
    public const int MaxRequestBytes = 5_000_000;

    /// <summary>Bytes per imported profile ("100KB").</summary>
    public const int MaxProfileBytes = 100_000;

    /// <summary>Bytes of an event's profile object ("95KB").</summary>
    public const int MaxEventProfileBytes = 95_000;
}
