namespace Klaviyo.Actions.Batching;

/// <summary>
/// Reads bulk profile import jobs: <c>GET /api/profile-bulk-import-jobs/{id}</c> and one page of
/// <c>GET /api/profile-bulk-import-jobs/{id}/import-errors</c>.
/// </summary>
internal interface IImportJobTracker
{
    /// <summary>Reads the job's status and counts.</summary>
    /// <exception cref="KlaviyoApiException">Klaviyo answered with an error (after retries).</exception>
    Task<ImportJobStatus> GetJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Reads one page of the job's import errors (page size 100).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cursor">The cursor from the previous page's <see cref="ImportErrorPage.NextCursor"/>; <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="KlaviyoApiException">Klaviyo answered with an error (after retries).</exception>
    Task<ImportErrorPage> GetImportErrorsAsync(string jobId, string? cursor, CancellationToken cancellationToken);
}
