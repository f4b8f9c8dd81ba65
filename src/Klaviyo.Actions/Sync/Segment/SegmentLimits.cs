namespace Klaviyo.Actions.Sync.Segment;

/// <summary>Segment's HTTP tracking API limits, measured on the uncompressed JSON (the safe reading: Segment quotes them without saying).</summary>
internal static class SegmentLimits
{
    /// <summary>One message: 32 KB.</summary>
    public const int MaxMessageBytes = 32 * 1024;

    /// <summary>One <c>/v1/batch</c> request body: 500 KB.</summary>
    public const int MaxBatchBytes = 500 * 1024;

    /// <summary>Messages in one <c>/v1/batch</c> request.</summary>
    public const int MaxBatchMessages = 2_500;

    /// <summary>Room kept for the batch envelope: <c>{"batch":[</c>, <c>],"sentAt":"…"}</c>.</summary>
    public const int EnvelopeBytes = 64;
}
