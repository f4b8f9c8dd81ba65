using System.Globalization;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Http;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Reads bulk profile import jobs: <c>GET /api/profile-bulk-import-jobs/{id}</c> and its
/// <c>import-errors</c> pages (100 per page). The cursor handed back is the next page's path from
/// <c>links.next</c>, re-rooted at the configured base address.
/// </summary>
internal sealed class KlaviyoImportJobTracker(KlaviyoTransport transport) : IImportJobTracker
{
    /// <summary>Import errors per page (Klaviyo's maximum).</summary>
    public const int ErrorPageSize = 100;

    /// <summary>The path of a job.</summary>
    public static string JobPath(string jobId) => KlaviyoProfileImportEndpoint.Path + "/" + Uri.EscapeDataString(jobId);

    /// <summary>The path of a job's first import-error page.</summary>
    public static string FirstErrorPagePath(string jobId) =>
        string.Create(CultureInfo.InvariantCulture, $"{JobPath(jobId)}/import-errors?page[size]={ErrorPageSize}");

    /// <inheritdoc />
    public async Task<ImportJobStatus> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        string path = JobPath(jobId);
        var response = await transport.SendAsync(KlaviyoOperation.GetBulkImportProfilesJob, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        var job = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.ProfileBulkImportJobResponse, "GET " + path).Data?.Attributes
            ?? throw KlaviyoWire.Unexpected(response, "GET " + path, "the body has no data.attributes");
        return new ImportJobStatus(StateOf(job.Status), job.TotalCount, job.CompletedCount, job.FailedCount);
    }

    /// <inheritdoc />
    public async Task<ImportErrorPage> GetImportErrorsAsync(string jobId, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        string path = cursor ?? FirstErrorPagePath(jobId);
        var response = await transport.SendAsync(KlaviyoOperation.GetBulkImportProfilesJobErrors, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        var page = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.ImportErrorsPage, "GET " + JobPath(jobId) + "/import-errors");
        var errors = new List<ImportJobError>(page.Data?.Count ?? 0);
        foreach (var data in page.Data ?? [])
        {
            var attributes = data.Attributes;
            var error = new KlaviyoError
            {
                Id = data.Id,
                Code = attributes?.Code,
                Title = attributes?.Title,
                Detail = attributes?.Detail,
                SourcePointer = attributes?.Source?.Pointer,
            };
            errors.Add(new ImportJobError(error, attributes?.OriginalPayload));
        }

        return new ImportErrorPage(errors, KlaviyoPaging.NextPath(page.Links?.Next));
    }

    /// <summary>Klaviyo's <c>status</c>; an unknown or missing one counts as still processing (polled until the deadline).</summary>
    internal static ImportJobState StateOf(string? status) => status switch
    {
        ProfileBulkImportJobStatus.Queued => ImportJobState.Queued,
        ProfileBulkImportJobStatus.Complete => ImportJobState.Complete,
        ProfileBulkImportJobStatus.Cancelled => ImportJobState.Cancelled,
        _ => ImportJobState.Processing,
    };
}
