namespace Klaviyo.Actions.Sync;

/// <summary>Counts over a run's staged membership.</summary>
/// <param name="Members">Distinct user ids staged.</param>
/// <param name="WithoutEmail">Staged members without an email (synced by external id or phone; not personalisable).</param>
public sealed record ListSyncStagingSummary(long Members, long WithoutEmail);
