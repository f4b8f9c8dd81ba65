namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>Why a tracking call was refused as a whole: HTTP status, a Segment-like error code and a message.</summary>
/// <param name="StatusCode">The HTTP status to answer with.</param>
/// <param name="Code">A stable machine-readable code (<c>payload_too_large</c>, <c>invalid_json</c>, ...).</param>
/// <param name="Message">What is wrong, naming the field and the rule; never echoes personal data.</param>
internal sealed record TrackingProblem(int StatusCode, string Code, string Message)
{
    /// <summary>What a 503 asks the caller to wait before retrying, in seconds.</summary>
    public const string RetryAfterSeconds = "5";

    public static TrackingProblem TooLarge(string what, int limit) =>
        new(StatusCodes.Status400BadRequest, "payload_too_large", $"{what} exceeds the limit of {limit / 1024} KB.");

    public static TrackingProblem InvalidJson(string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid_json", "The body is not valid JSON: " + detail);

    public static TrackingProblem UnsupportedEncoding() =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_encoding", "Content-Encoding must be gzip, deflate, br or identity.");

    public static TrackingProblem InvalidRequest(string message) =>
        new(StatusCodes.Status400BadRequest, "invalid_request", message);

    public static TrackingProblem Unauthorized() =>
        new(StatusCodes.Status401Unauthorized, "unauthorized", "A valid write key is required: HTTP Basic auth with the write key as the user name.");

    public static TrackingProblem QueueFull() =>
        new(StatusCodes.Status503ServiceUnavailable, "queue_full", "The ingestion queue is full; none of this call's messages were kept. Retry the call.");

    public static TrackingProblem QueueUnavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "queue_unavailable", "The ingestion queue's store cannot be reached; none of this call's messages were kept. Retry the call.");

    public static TrackingProblem ShuttingDown() =>
        new(StatusCodes.Status503ServiceUnavailable, "unavailable", "The server is shutting down; retry the call.");
}
