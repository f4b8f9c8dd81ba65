using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// The response of <c>POST /api/profile-bulk-import-jobs</c> (202) and <c>GET /api/profile-bulk-import-jobs/{id}</c>.
/// </summary>
internal sealed record ProfileBulkImportJobResponse([property: JsonPropertyName("data")] ProfileBulkImportJobData? Data);

/// <summary>A bulk import job.</summary>
internal sealed record ProfileBulkImportJobData(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] ProfileBulkImportJobStatus? Attributes);

/// <summary>A bulk import job's progress.</summary>
internal sealed record ProfileBulkImportJobStatus(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("total_count")] int? TotalCount,
    [property: JsonPropertyName("completed_count")] int? CompletedCount,
    [property: JsonPropertyName("failed_count")] int? FailedCount,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt)
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Complete = "complete";
    public const string Cancelled = "cancelled";

    /// <summary>Whether the job will not change any more (<c>complete</c> or <c>cancelled</c>).</summary>
    [JsonIgnore]
    public bool IsFinished => Status is Complete or Cancelled;
}
