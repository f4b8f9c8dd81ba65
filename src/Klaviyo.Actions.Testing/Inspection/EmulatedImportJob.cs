namespace Klaviyo.Actions.Testing;

/// <summary>A snapshot of a bulk profile import job.</summary>
public sealed record EmulatedImportJob
{
    /// <summary>The job id.</summary>
    public required string Id { get; init; }

    /// <summary>Status at the time of the snapshot.</summary>
    public EmulatedImportJobStatus Status { get; init; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it started processing, once it has.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it completed, once it has.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the job expires.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Rows submitted.</summary>
    public int TotalCount { get; init; }

    /// <summary>Rows imported (0 until complete).</summary>
    public int CompletedCount { get; init; }

    /// <summary>Rows that became import errors (0 until complete).</summary>
    public int FailedCount { get; init; }

    /// <summary>Lists the imported profiles are added to.</summary>
    public IReadOnlyList<string> ListIds { get; init; } = [];

    /// <summary>Ids of the imported profiles, in row order (empty until complete).</summary>
    public IReadOnlyList<string> ProfileIds { get; init; } = [];

    /// <summary>Import errors (empty until complete).</summary>
    public IReadOnlyList<EmulatedImportError> Errors { get; init; } = [];
}
