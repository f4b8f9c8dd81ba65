namespace Klaviyo.Actions.Batching;

/// <summary>Per-call settings of a bulk call; unset values fall back to <see cref="KlaviyoBatchingOptions"/>.</summary>
public sealed class KlaviyoBulkCallOptions
{
    /// <summary>
    /// Whether bulk profile import jobs are polled until they finish and their import errors folded into the
    /// outcomes. Defaults to <see cref="KlaviyoBatchingOptions.TrackImportJobs"/>.
    /// </summary>
    public bool? TrackImportJobs { get; set; }

    /// <summary>How long to follow each job. Defaults to <see cref="KlaviyoBatchingOptions.JobTrackingTimeout"/>.</summary>
    public TimeSpan? JobTrackingTimeout { get; set; }
}
