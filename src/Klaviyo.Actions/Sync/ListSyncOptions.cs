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
    /// How long a run's lease on a connector lasts without a state write extending it. Must exceed the longest single
    /// target call (including its rate-limit retries); a worker that dies holds the connector this long.
    /// Defaults to 15 minutes (at least 10 seconds).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A name for this worker, recorded in lease tokens for diagnostics. Defaults to the machine name and process id.</summary>
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

        if (string.IsNullOrWhiteSpace(WorkerName))
        {
            throw new ArgumentOutOfRangeException(nameof(WorkerName), WorkerName, "ListSyncOptions.WorkerName must not be empty.");
        }
    }

    internal ListSyncOptions Clone() => (ListSyncOptions)MemberwiseClone();

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"ListSyncOptions.{name} must be between {min:N0} and {max:N0}.");
        }
    }
}
