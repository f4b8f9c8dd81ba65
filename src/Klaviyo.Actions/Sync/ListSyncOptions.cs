namespace Klaviyo.Actions.Sync;

/// <summary>Tuning for <see cref="KlaviyoListSync"/>. The defaults follow Klaviyo's bulk limits.</summary>
public sealed class ListSyncOptions
{
    /// <summary>Members staged per store write while the membership is streamed in. Defaults to 5,000 (1–50,000).</summary>
    public int StagingBatchSize { get; set; } = 5_000;

    /// <summary>
    /// Members per <see cref="IKlaviyoListSyncTarget.AddOrUpdateMembersAsync"/> call, and so per state commit.
    /// Defaults to 10,000, the bulk profile import's limit (1–10,000).
    /// </summary>
    public int AddBatchSize { get; set; } = 10_000;

    /// <summary>
    /// Members per <see cref="IKlaviyoListSyncTarget.RemoveMembersAsync"/> call, and so per state commit.
    /// Defaults to 1,000, the list-relationship endpoint's limit (1–1,000).
    /// </summary>
    public int RemoveBatchSize { get; set; } = 1_000;

    /// <summary>
    /// How long a run's lease on a connector lasts without a renewal. A running worker renews it every
    /// <see cref="LeaseRenewalInterval"/> (a heartbeat on the <see cref="TimeProvider"/>), however long its target calls
    /// take; a worker that dies on another machine holds the connector at most this long (on the same machine, a dead
    /// process's lease is taken over at once, see <see cref="TakeOverOrphanedLeases"/>). Defaults to 1 minute (at least
    /// 10 seconds).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a running worker renews its lease. <see langword="null"/> (the default) means a third of
    /// <see cref="LeaseDuration"/>, so two missed renewals (a database hiccup) do not lose it;
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns the heartbeat off (then only state writes extend the lease, and
    /// <see cref="LeaseDuration"/> must exceed the longest target call). Otherwise at least 1 second and less than
    /// <see cref="LeaseDuration"/>.
    /// </summary>
    public TimeSpan? LeaseRenewalInterval { get; set; }

    /// <summary>
    /// Whether a lease held by a process of this machine that no longer runs is taken over at once instead of waiting
    /// for it to expire (the owner token records host name and process id). Defaults to true. Turn it off where several
    /// machines, or containers with separate process-id spaces, share a host name.
    /// </summary>
    public bool TakeOverOrphanedLeases { get; set; } = true;

    /// <summary>
    /// A name for this worker, recorded in lease tokens for diagnostics (after the host name, process id and a run id).
    /// Defaults to the machine name and process id.
    /// </summary>
    public string WorkerName { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>How many not-personalisable user ids a <see cref="ListSyncResult"/> lists as a sample. Defaults to 100 (0–10,000).</summary>
    public int MaxReportedUserIds { get; set; } = 100;

    /// <summary>Checks the options, naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        Check(StagingBatchSize, 1, 50_000, nameof(StagingBatchSize));
        Check(AddBatchSize, 1, 10_000, nameof(AddBatchSize));
        Check(RemoveBatchSize, 1, 1_000, nameof(RemoveBatchSize));
        Check(MaxReportedUserIds, 0, 10_000, nameof(MaxReportedUserIds));
        if (LeaseDuration < TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "ListSyncOptions.LeaseDuration must be at least 10 seconds.");
        }

        if (LeaseRenewalInterval is { } renewal && renewal != Timeout.InfiniteTimeSpan && (renewal < TimeSpan.FromSeconds(1) || renewal >= LeaseDuration))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseRenewalInterval), renewal, "ListSyncOptions.LeaseRenewalInterval must be at least 1 second and less than LeaseDuration (or Timeout.InfiniteTimeSpan to turn the heartbeat off).");
        }

        if (string.IsNullOrWhiteSpace(WorkerName))
        {
            throw new ArgumentOutOfRangeException(nameof(WorkerName), WorkerName, "ListSyncOptions.WorkerName must not be empty.");
        }
    }

    /// <summary>The heartbeat period: <see cref="LeaseRenewalInterval"/>, else a third of <see cref="LeaseDuration"/>.</summary>
    internal TimeSpan EffectiveRenewalInterval => LeaseRenewalInterval ?? LeaseDuration / 3;

    internal ListSyncOptions Clone() => (ListSyncOptions)MemberwiseClone();

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"ListSyncOptions.{name} must be between {min:N0} and {max:N0}.");
        }
    }
}
