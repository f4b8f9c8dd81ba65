namespace Klaviyo.Actions.Batching;

/// <summary>Settings of one engine run.</summary>
/// <param name="TrackImportJobs">Whether import jobs are followed.</param>
/// <param name="JobTrackingTimeout">How long each job is followed.</param>
/// <param name="CancelledReason">The <see cref="KlaviyoItemOutcome.Reason"/> of items failed because the run was cancelled.</param>
internal sealed record BulkRunSettings(bool TrackImportJobs, TimeSpan JobTrackingTimeout, string CancelledReason);
