namespace Klaviyo.Actions.Batching;

/// <summary>The state of a bulk profile import job (<c>attributes.status</c>).</summary>
internal enum ImportJobState
{
    /// <summary><c>queued</c>.</summary>
    Queued,

    /// <summary><c>processing</c>.</summary>
    Processing,

    /// <summary><c>complete</c>.</summary>
    Complete,

    /// <summary><c>cancelled</c>.</summary>
    Cancelled,
}

/// <summary>A bulk profile import job as read from Klaviyo.</summary>
/// <param name="State">The job's status.</param>
/// <param name="TotalCount"><c>total_count</c>, when given.</param>
/// <param name="CompletedCount"><c>completed_count</c>, when given.</param>
/// <param name="FailedCount"><c>failed_count</c>, when given.</param>
internal sealed record ImportJobStatus(ImportJobState State, int? TotalCount = null, int? CompletedCount = null, int? FailedCount = null);
