using System.Net;

namespace Klaviyo.Actions.Sync.Segment;

/// <summary>Segment did not accept a batch: a refusal (400, 401, 403, 413) or retries exhausted. The message holds no write key.</summary>
internal sealed class SegmentTrackingException(string message, HttpStatusCode? statusCode, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Segment's last answer, or <see langword="null"/> when it could not be reached.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
