using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Sends one planned bulk request and reports each part's outcome. When Klaviyo refuses the request and points
/// at rows, those rows are rejected and the rest resent once; a second refusal rejects the rows it points at
/// and fails the rest. A 413 (the measured size was wrong) halves the request and sends each half. Errors about the request as a whole reject or fail every row (see
/// <see cref="FailureClassifier"/>).
/// </summary>
/// <typeparam name="TPart">The endpoint's part type.</typeparam>
internal sealed class ChunkWork<TPart>(IBulkEndpoint<TPart> endpoint, BulkChunk<TPart> chunk, ChunkContext context) : IChunkWork
{
    private const string ResendRefused = "Klaviyo refused the request again after its rejected rows were removed; it was not resent a second time";

    private BulkEndpointDescriptor Descriptor => chunk.Endpoint;

    /// <summary>How often a request answered 413 is halved before its rows are given up on.</summary>
    internal const int MaxSplitDepth = 14;

    public Task RunAsync(CancellationToken cancellationToken) => RunRowsAsync(chunk.Rows, 0, cancellationToken);

    private async Task RunRowsAsync(List<BulkRow<TPart>> rows, int splitDepth, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            ReportAll(rows, action => KlaviyoItemOutcome.Failed(action, context.Settings.CancelledReason));
            return;
        }

        try
        {
            var response = await SendAsync(rows, cancellationToken).ConfigureAwait(false);
            Accept(rows, response);
            return;
        }
        catch (KlaviyoApiException exception) when (IsTooLarge(exception, rows, splitDepth))
        {
            // The measured size was wrong: halve the request rather than blame its items.
            int half = rows.Count / 2;
            await RunRowsAsync(rows.GetRange(0, half), splitDepth + 1, cancellationToken).ConfigureAwait(false);
            await RunRowsAsync(rows.GetRange(half, rows.Count - half), splitDepth + 1, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (KlaviyoApiException exception)
        {
            var errors = RowErrors.Analyze(exception, Descriptor, rows.Count);
            if (!errors.IsRowLevel)
            {
                RefuseRequest(rows, exception, errors);
                return;
            }

            rows = RejectRows(rows, errors, exception);
        }
        catch (Exception exception)
        {
            Fail(rows, exception, cancellationToken);
            return;
        }

        if (rows.Count == 0)
        {
            return;
        }

        try
        {
            var response = await SendAsync(rows, cancellationToken).ConfigureAwait(false);
            Accept(rows, response);
        }
        catch (KlaviyoApiException exception)
        {
            var errors = RowErrors.Analyze(exception, Descriptor, rows.Count);
            if (!errors.IsRowLevel)
            {
                RefuseRequest(rows, exception, errors);
                return;
            }

            var left = RejectRows(rows, errors, exception, logResend: false);
            ReportAll(left, action => KlaviyoItemOutcome.Failed(action, ResendRefused, exception.StatusCode, exceptionSummary: FailureClassifier.Summarize(exception)));
        }
        catch (Exception exception)
        {
            Fail(rows, exception, cancellationToken);
        }
    }

    private static bool IsTooLarge(KlaviyoApiException exception, List<BulkRow<TPart>> rows, int splitDepth) =>
        exception.StatusCode == System.Net.HttpStatusCode.RequestEntityTooLarge && rows.Count > 1 && splitDepth < MaxSplitDepth;

    private Task<BulkChunkResponse> SendAsync(List<BulkRow<TPart>> rows, CancellationToken cancellationToken)
    {
        int parts = 0;
        foreach (var row in rows)
        {
            parts += row.Count;
        }

        context.Telemetry.RecordBatchSize(Descriptor.Operation, parts);
        return endpoint.SendChunkAsync(chunk.Key, rows, cancellationToken);
    }

    private void Accept(List<BulkRow<TPart>> rows, BulkChunkResponse response)
    {
        var ledger = context.Ledger;
        bool importJob = Descriptor.Kind == BulkEndpointKind.ProfileImport;
        if (importJob && response.JobId is { } jobId && context.JobFollower is { } follower &&
            rows is List<BulkRow<UpsertProfileRequest>> profileRows)
        {
            foreach (var row in rows)
            {
                foreach (var part in row.Planned)
                {
                    ledger.Provisional(part.ItemIndex, KlaviyoItemOutcome.Accepted(ledger.ActionOf(part.ItemIndex), jobId, KlaviyoJobConfirmation.Unconfirmed));
                }
            }

            follower.Follow(jobId, profileRows);
            return;
        }

        var confirmation = KlaviyoJobConfirmation.NotTracked;
        string? reason = null;
        if (importJob && context.TrackingRequested)
        {
            confirmation = KlaviyoJobConfirmation.Unconfirmed;
            reason = response.JobId is null ? "Klaviyo returned no job id to follow" : "import jobs cannot be read by this client";
        }

        // Outcomes are immutable: the parts of one action in this request share one.
        KlaviyoItemOutcome? shared = null;
        foreach (var row in rows)
        {
            foreach (var part in row.Planned)
            {
                string action = ledger.ActionOf(part.ItemIndex);
                if (shared is null || !string.Equals(shared.Action, action, StringComparison.Ordinal))
                {
                    var outcome = KlaviyoItemOutcome.Accepted(action, response.JobId, confirmation);
                    shared = reason is null ? outcome : outcome with { Reason = reason };
                }

                ledger.ReportPart(part.ItemIndex, part.PartIndex, shared);
            }
        }
    }

    /// <summary>Rejects the parts the errors point at and returns the rows left to resend.</summary>
    private List<BulkRow<TPart>> RejectRows(List<BulkRow<TPart>> rows, RowErrors errors, KlaviyoApiException exception, bool logResend = true)
    {
        var ledger = context.Ledger;
        var remaining = new List<BulkRow<TPart>>(rows.Count);
        int rejectedRows = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (!errors.ByRow.TryGetValue(r, out var rowErrors))
            {
                remaining.Add(row);
                continue;
            }

            var rejectedParts = new HashSet<int>();
            KlaviyoError? wholeRowError = null;
            foreach (var (part, error) in rowErrors)
            {
                if (part >= 0 && part < row.Count)
                {
                    if (rejectedParts.Add(part))
                    {
                        var planned = row.Planned[part];
                        ledger.ReportPart(planned.ItemIndex, planned.PartIndex, KlaviyoItemOutcome.Rejected(ledger.ActionOf(planned.ItemIndex), error, exception.StatusCode));
                    }
                }
                else
                {
                    wholeRowError ??= error;
                }
            }

            if (wholeRowError is not null)
            {
                for (int p = 0; p < row.Count; p++)
                {
                    if (rejectedParts.Add(p))
                    {
                        var planned = row.Planned[p];
                        ledger.ReportPart(planned.ItemIndex, planned.PartIndex, KlaviyoItemOutcome.Rejected(ledger.ActionOf(planned.ItemIndex), wholeRowError, exception.StatusCode));
                    }
                }
            }

            rejectedRows++;
            if (row.Without(rejectedParts) is { } rest)
            {
                remaining.Add(rest);
            }
        }

        if (logResend)
        {
            BatchingLog.RowsRejected(context.Logger, rejectedRows, rows.Count, Descriptor.Operation, (int)exception.StatusCode, remaining.Count);
        }

        return remaining;
    }

    /// <summary>The request as a whole was refused: rows it points at get their own error, the others the request's.</summary>
    private void RefuseRequest(List<BulkRow<TPart>> rows, KlaviyoApiException exception, RowErrors errors)
    {
        var ledger = context.Ledger;
        var requestError = errors.RequestLevel.Count > 0 ? errors.RequestLevel[0] : null;
        int parts = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            KlaviyoError? rowError = null;
            if (!FailureClassifier.IsFailure(exception) && errors.ByRow.TryGetValue(r, out var rowErrors))
            {
                rowError = rowErrors[0].Error;
            }

            foreach (var part in row.Planned)
            {
                parts++;
                ledger.ReportPart(part.ItemIndex, part.PartIndex, FailureClassifier.ForRequestError(ledger.ActionOf(part.ItemIndex), exception, rowError ?? requestError));
            }
        }

        string outcome = FailureClassifier.IsFailure(exception) ? "failed" : "rejected";
        BatchingLog.RequestNotAccepted(context.Logger, Descriptor.Operation, parts, outcome, (int)exception.StatusCode, requestError?.Code);
    }

    private void Fail(List<BulkRow<TPart>> rows, Exception exception, CancellationToken cancellationToken)
    {
        bool cancelled = exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
        if (!cancelled)
        {
            int parts = 0;
            foreach (var row in rows)
            {
                parts += row.Count;
            }

            BatchingLog.RequestFailed(context.Logger, Descriptor.Operation, parts, exception.GetType().Name);
        }

        ReportAll(rows, action => FailureClassifier.ForException(action, exception, cancelled, context.Settings.CancelledReason));
    }

    private void ReportAll(List<BulkRow<TPart>> rows, Func<string, KlaviyoItemOutcome> outcome)
    {
        var ledger = context.Ledger;
        foreach (var row in rows)
        {
            foreach (var part in row.Planned)
            {
                ledger.ReportPart(part.ItemIndex, part.PartIndex, outcome(ledger.ActionOf(part.ItemIndex)));
            }
        }
    }
}
