namespace Klaviyo.Actions;

/// <summary>Bulk calls and the background queue.</summary>
public sealed class KlaviyoBatchingOptions
{
    /// <summary>
    /// Items waiting to join a queue group before producers wait (or fail, see <see cref="FullMode"/>); the groups
    /// themselves hold at most as many again (when they do, the largest is sent). Defaults to 100,000.
    /// </summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>What <c>Enqueue</c> does when the queue is full. Defaults to <see cref="QueueFullMode.Wait"/>.</summary>
    public QueueFullMode FullMode { get; set; } = QueueFullMode.Wait;

    /// <summary>
    /// An optional cap on the items one queue group (endpoint + list/source) collects before it is sent. Defaults to
    /// <see langword="null"/>: each group is sent when it holds as many parts as Klaviyo allows in one request of its
    /// endpoint (10,000 profiles per import job, 1,000 events, 1,000 subscriptions, 100 unsubscriptions, 1,000 list
    /// removals; see <see cref="Batching.KlaviyoBulkLimits"/>), so clean input costs the fewest requests. Set it lower to send
    /// smaller, earlier requests.
    /// </summary>
    public int? MaxBatchItems { get; set; }

    /// <summary>
    /// An optional cap on the serialized bytes one queue group collects before it is sent. Defaults to
    /// <see langword="null"/>: a group is sent when the next item would take its request past Klaviyo's 5 MB
    /// (<see cref="Batching.KlaviyoBulkLimits.MaxRequestBytes"/>).
    /// </summary>
    public int? MaxBatchBytes { get; set; }

    /// <summary>
    /// The longest an item waits in the queue: a group is sent when its oldest item has waited this long (other
    /// groups keep filling). Defaults to 5 seconds.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether bulk profile import jobs are polled until complete and their import errors folded into outcomes. Defaults to <see langword="false"/>.</summary>
    public bool TrackImportJobs { get; set; }

    /// <summary>How long job tracking waits for a job to finish. Defaults to 10 minutes.</summary>
    public TimeSpan JobTrackingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the host waits on shutdown for queued items to be delivered. Defaults to 25 seconds.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Bulk requests one bulk call (or one queue flush) sends at the same time. Defaults to 4. The client's
    /// rate limiter still applies to each request.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>
    /// Actions sent on their own (their mapping does not batch) that are in flight at the same time. Defaults to 32.
    /// The client's rate limiter still applies to each request.
    /// </summary>
    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>
    /// Queue flushes in progress at the same time; when all are busy the queue fills and producers wait (or fail,
    /// see <see cref="FullMode"/>). Defaults to 2.
    /// </summary>
    public int MaxConcurrentFlushes { get; set; } = 2;

    /// <summary>
    /// The first wait between two reads of a bulk import job; each later wait doubles, up to 30 seconds.
    /// Defaults to 2 seconds.
    /// </summary>
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>What the background queue does when it is full.</summary>
public enum QueueFullMode
{
    /// <summary>The producer waits for room (at-least-once producers).</summary>
    Wait,

    /// <summary>The producer gets a <see cref="KlaviyoQueueFullException"/> at once.</summary>
    FailFast,
}

/// <summary>The background queue was full and its <see cref="QueueFullMode"/> is <see cref="QueueFullMode.FailFast"/>.</summary>
public sealed class KlaviyoQueueFullException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="capacity">The queue's capacity.</param>
    public KlaviyoQueueFullException(int capacity)
        : base($"The Klaviyo queue is full ({capacity} items waiting); the item was not accepted. Raise Klaviyo:Batching:Capacity or use FullMode = Wait.")
    {
        Capacity = capacity;
    }

    /// <summary>The queue's capacity.</summary>
    public int Capacity { get; }
}
