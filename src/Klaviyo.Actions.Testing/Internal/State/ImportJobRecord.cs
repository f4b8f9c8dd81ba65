namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>A bulk profile import job; guarded by the <see cref="ImportJobStore"/> lock.</summary>
internal sealed class ImportJobRecord(
    string id,
    DateTimeOffset createdAt,
    TimeSpan queuedTime,
    TimeSpan processingTime,
    IReadOnlyList<ImportRow> rows,
    IReadOnlyList<string> listIds)
{
    /// <summary>How long a job stays readable after it was submitted.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public string Id { get; } = id;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset StartsAt { get; } = createdAt + queuedTime;

    public DateTimeOffset CompletesAt { get; } = createdAt + queuedTime + processingTime;

    public DateTimeOffset ExpiresAt { get; } = createdAt + Retention;

    public IReadOnlyList<ImportRow> Rows { get; private set; } = rows;

    public int TotalCount { get; } = rows.Count;

    public IReadOnlyList<string> ListIds { get; } = listIds;

    public bool IsComplete { get; private set; }

    public int CompletedCount { get; private set; }

    public List<EmulatedImportError> Errors { get; } = [];

    public List<string> ProfileIds { get; } = [];

    public EmulatedImportJobStatus StatusAt(DateTimeOffset now) =>
        IsComplete ? EmulatedImportJobStatus.Complete
        : now >= StartsAt ? EmulatedImportJobStatus.Processing
        : EmulatedImportJobStatus.Queued;

    public void MarkComplete()
    {
        IsComplete = true;
        CompletedCount = ProfileIds.Count;
        Rows = [];
    }

    public EmulatedImportJob ToSnapshot(DateTimeOffset now)
    {
        var status = StatusAt(now);
        return new EmulatedImportJob
        {
            Id = Id,
            Status = status,
            CreatedAt = CreatedAt,
            StartedAt = status == EmulatedImportJobStatus.Queued ? null : StartsAt,
            CompletedAt = IsComplete ? CompletesAt : null,
            ExpiresAt = ExpiresAt,
            TotalCount = TotalCount,
            CompletedCount = CompletedCount,
            FailedCount = Errors.Count,
            ListIds = ListIds,
            ProfileIds = IsComplete ? [.. ProfileIds] : [],
            Errors = IsComplete ? [.. Errors] : [],
        };
    }
}
