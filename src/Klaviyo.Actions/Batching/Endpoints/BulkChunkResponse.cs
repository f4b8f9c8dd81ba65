namespace Klaviyo.Actions.Batching;

/// <summary>Klaviyo accepted a bulk request (2xx).</summary>
/// <param name="JobId">The job id, for endpoints that create a job Klaviyo lets us read (profile import).</param>
internal sealed record BulkChunkResponse(string? JobId = null)
{
    public static readonly BulkChunkResponse Accepted = new();
}
