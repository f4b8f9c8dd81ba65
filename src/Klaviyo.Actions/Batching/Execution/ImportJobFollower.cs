using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Follows bulk profile import jobs: polls each job (waits through <see cref="TimeProvider"/>, doubling from
/// the configured interval up to 30 seconds) until it is complete or cancelled or the deadline passes, then pages
/// its import errors and folds them into the items' outcomes. An item is only marked confirmed when its job
/// completed and every reported error was matched to an item; otherwise it stays accepted, unconfirmed.
/// </summary>
internal sealed class ImportJobFollower
{
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(30);

    private readonly IImportJobTracker _tracker;
    private readonly ItemLedger _ledger;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _initialInterval;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly CancellationToken _cancellationToken;
    private readonly ConcurrentQueue<Task> _jobs = new();

    public ImportJobFollower(
        IImportJobTracker tracker,
        ItemLedger ledger,
        TimeProvider timeProvider,
        TimeSpan initialInterval,
        TimeSpan timeout,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        _tracker = tracker;
        _ledger = ledger;
        _timeProvider = timeProvider;
        _initialInterval = initialInterval;
        _timeout = timeout;
        _logger = logger;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Starts following a job whose request carried these rows.</summary>
    public void Follow(string jobId, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows) =>
        _jobs.Enqueue(FollowAsync(jobId, rows));

    /// <summary>Waits for every job started so far.</summary>
    public Task WhenAllAsync() => Task.WhenAll(_jobs);

    private async Task FollowAsync(string jobId, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows)
    {
        try
        {
            await FollowCoreAsync(jobId, rows).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Unconfirmed(jobId, rows, "following the job failed: " + exception.GetType().Name);
        }
    }

    private async Task FollowCoreAsync(string jobId, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows)
    {
        long started = _timeProvider.GetTimestamp();
        var interval = _initialInterval;
        string? lastProblem = null;
        while (true)
        {
            var remaining = _timeout - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                Unconfirmed(jobId, rows, string.Create(CultureInfo.InvariantCulture, $"the job did not finish within {_timeout}") + (lastProblem is null ? "" : " (last read: " + lastProblem + ")"));
                return;
            }

            try
            {
                await Task.Delay(interval < remaining ? interval : remaining, _timeProvider, _cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                Unconfirmed(jobId, rows, "job tracking stopped before the job finished");
                return;
            }

            interval = interval + interval < MaxPollInterval ? interval + interval : MaxPollInterval;
            ImportJobStatus status;
            try
            {
                status = await _tracker.GetJobAsync(jobId, _cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                Unconfirmed(jobId, rows, "job tracking stopped before the job finished");
                return;
            }
            catch (KlaviyoApiException exception) when (!exception.IsTransient)
            {
                Unconfirmed(jobId, rows, string.Create(CultureInfo.InvariantCulture, $"the job could not be read ({(int)exception.StatusCode})"));
                return;
            }
            catch (Exception exception)
            {
                lastProblem = exception is KlaviyoApiException api
                    ? string.Create(CultureInfo.InvariantCulture, $"{(int)api.StatusCode}")
                    : exception.GetType().Name;
                continue;
            }

            if (status.State is ImportJobState.Complete or ImportJobState.Cancelled)
            {
                await ResolveAsync(jobId, rows, status).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task ResolveAsync(string jobId, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows, ImportJobStatus status)
    {
        bool cancelled = status.State == ImportJobState.Cancelled;
        var rejected = new Dictionary<int, KlaviyoError>();
        int reported = 0;
        bool errorsRead = true;
        if (status.FailedCount is not 0 || cancelled)
        {
            try
            {
                reported = await ReadErrorsAsync(jobId, rows, rejected).ConfigureAwait(false);
            }
            catch (Exception)
            {
                errorsRead = false;
            }
        }

        if (reported > 0)
        {
            BatchingLog.JobReportedErrors(_logger, jobId, reported, rejected.Count);
        }

        int expectedFailures = Math.Max(reported, status.FailedCount ?? 0);
        string? doubt = !errorsRead ? "its import errors could not be read"
            : expectedFailures > rejected.Count ? string.Create(CultureInfo.InvariantCulture, $"{expectedFailures - rejected.Count} import errors could not be matched to items")
            : null;

        if (doubt is not null && !cancelled)
        {
            BatchingLog.JobUnconfirmed(_logger, jobId, doubt, rows.Count - rejected.Count);
        }

        for (int r = 0; r < rows.Count; r++)
        {
            foreach (var part in rows[r].Planned)
            {
                string action = _ledger.ActionOf(part.ItemIndex);
                KlaviyoItemOutcome outcome = rejected.TryGetValue(r, out var error)
                    ? KlaviyoItemOutcome.Rejected(action, error) with { JobId = jobId, JobConfirmation = KlaviyoJobConfirmation.Confirmed }
                    : cancelled
                        ? KlaviyoItemOutcome.Failed(action, "Klaviyo cancelled the import job") with { JobId = jobId }
                        : doubt is null
                            ? KlaviyoItemOutcome.Accepted(action, jobId, KlaviyoJobConfirmation.Confirmed)
                            : KlaviyoItemOutcome.Accepted(action, jobId, KlaviyoJobConfirmation.Unconfirmed) with { Reason = doubt };
                _ledger.ReportPart(part.ItemIndex, part.PartIndex, outcome);
            }
        }
    }

    /// <summary>Pages the job's import errors into <paramref name="rejected"/> (row → error).</summary>
    /// <returns>How many errors Klaviyo reported.</returns>
    private async Task<int> ReadErrorsAsync(string jobId, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows, Dictionary<int, KlaviyoError> rejected)
    {
        int reported = 0;
        string? cursor = null;
        int maxPages = rows.Count + 1;
        for (int page = 0; page < maxPages; page++)
        {
            var errors = await _tracker.GetImportErrorsAsync(jobId, cursor, _cancellationToken).ConfigureAwait(false);
            foreach (var error in errors.Errors)
            {
                reported++;
                int row = MatchRow(error, rows);
                if (row >= 0)
                {
                    rejected.TryAdd(row, error.Error);
                }
            }

            cursor = errors.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        return reported;
    }

    /// <summary>The row an import error is about: by its pointer, else by the one row whose identifiers match its original payload.</summary>
    internal static int MatchRow(ImportJobError error, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows)
    {
        if (BulkErrorPointer.TryParse(error.Error.SourcePointer, BulkEndpointDescriptor.ProfileImport, out int row, out _) && row < rows.Count)
        {
            return row;
        }

        if (error.OriginalPayload is not { ValueKind: JsonValueKind.Object } payload)
        {
            return -1;
        }

        if (payload.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
        {
            payload = attributes;
        }

        string? email = Text(payload, "email"), phone = Text(payload, "phone_number"), externalId = Text(payload, "external_id");
        if (email is null && phone is null && externalId is null)
        {
            return -1;
        }

        int match = -1;
        for (int r = 0; r < rows.Count; r++)
        {
            var profile = rows[r][0];
            if (Same(email, profile.Email, StringComparison.OrdinalIgnoreCase) &&
                Same(phone, profile.PhoneNumber, StringComparison.Ordinal) &&
                Same(externalId, profile.ExternalId, StringComparison.Ordinal))
            {
                if (match >= 0)
                {
                    return -1;
                }

                match = r;
            }
        }

        return match;
    }

    private static bool Same(string? reported, string? sent, StringComparison comparison) =>
        reported is null || string.Equals(reported, sent, comparison);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private void Unconfirmed(string jobId, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows, string reason)
    {
        BatchingLog.JobUnconfirmed(_logger, jobId, reason, rows.Count);
        foreach (var row in rows)
        {
            foreach (var part in row.Planned)
            {
                _ledger.ReportPart(part.ItemIndex, part.PartIndex, KlaviyoItemOutcome.Accepted(_ledger.ActionOf(part.ItemIndex), jobId, KlaviyoJobConfirmation.Unconfirmed) with { Reason = reason });
            }
        }
    }
}
