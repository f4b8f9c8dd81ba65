namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>Segment's tracking API limits.</summary>
internal static class TrackingLimits
{
    /// <summary>One call (identify, track, ...) and each message inside a batch: 32 KB.</summary>
    public const int MaxMessageBytes = 32 * 1024;

    /// <summary>One <c>/v1/batch</c> request: 500 KB.</summary>
    public const int MaxBatchBytes = 500 * 1024;

    /// <summary>Messages in one <c>/v1/batch</c> request.</summary>
    public const int MaxBatchMessages = 2_500;
}
