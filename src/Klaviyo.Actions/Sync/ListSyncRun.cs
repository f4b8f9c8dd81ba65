using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Klaviyo.Actions.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Sync;

/// <summary>One sync run of one connector, from a held lease to the recorded completion.</summary>
internal sealed class ListSyncRun
{
    private const string AddOperation = "add";
    private const string RemoveOperation = "remove";
    private const int MaxReportedCodes = 5;

    private readonly IListSyncStateStore _store;
    private readonly ListSyncLease _lease;
    private readonly ListSyncOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _started;
    private readonly HashSet<string> _notPersonalisableSample = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _failureCodes = new(StringComparer.Ordinal);

    private ListSyncStagingSummary _staged = new(0, 0);
    private long _added;
    private long _updated;
    private long _removed;
    private long _removalsSkipped;
    private long _upsertCandidates;
    private long _rejected;
    private long _failed;
    private long _invalid;
    private long _malformedEmails;
    private Func<Task> _stopHeartbeat = static () => Task.CompletedTask;

    public ListSyncRun(IListSyncStateStore store, ListSyncLease lease, ListSyncOptions options, TimeProvider timeProvider, ILogger logger, long started)
    {
        _store = store;
        _lease = lease;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _started = started;
    }

    private string SegmentId => _lease.Connector.SegmentId;

    private string ListId => _lease.Connector.ListId;

    public async Task<ListSyncResult> ExecuteAsync(IKlaviyoListSyncTargetProvider targets, IAsyncEnumerable<SegmentMember> members, CancellationToken cancellationToken)
    {
        using var activity = KlaviyoTelemetry.StartAction("listSync");
        activity?.SetTag("klaviyo.list_sync.segment_id", SegmentId);
        activity?.SetTag("klaviyo.list_id", ListId);

        // The heartbeat renews the lease while the run works, however long a target call takes; if it finds the lease
        // taken over, it cancels the run's token (disposed after the heartbeat stopped).
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = new ListSyncLeaseHeartbeat(_store, _lease, _options.EffectiveRenewalInterval, _timeProvider, _logger, run);
        _stopHeartbeat = heartbeat.StopAsync;
        await using (heartbeat.ConfigureAwait(false))
        {
            var token = run.Token;
            try
            {
                var target = await CallTargetAsync(() => Task.FromResult(targets.GetTarget(_lease.Connector.CredentialName)), token).ConfigureAwait(false);
                await CallTargetAsync(async () => { await target.ValidateAsync(ListId, token).ConfigureAwait(false); return true; }, token).ConfigureAwait(false);
                await StageAsync(members, token).ConfigureAwait(false);
                await ApplyRemovalsAsync(target, token).ConfigureAwait(false);
                await ApplyUpsertsAsync(target, token).ConfigureAwait(false);
                return await FinishAsync(failure: null, activity).ConfigureAwait(false);
            }
            catch (ListSyncLeaseLostException)
            {
                ListSyncLog.LeaseLost(_logger, SegmentId, ListId);
                return await LeaseLostAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (heartbeat.LeaseLost && !cancellationToken.IsCancellationRequested)
            {
                ListSyncLog.LeaseLost(_logger, SegmentId, ListId);
                return await LeaseLostAsync().ConfigureAwait(false);
            }
            catch (TargetCallException call) when (ListSyncFailure.TryClassify(call.InnerException!, _lease.Connector, out var failure))
            {
                return await FinishAsync(failure, activity).ConfigureAwait(false);
            }
            catch (TargetCallException call)
            {
                var inner = call.InnerException!;
                ListSyncLog.UnexpectedFailure(_logger, SegmentId, ListId, inner);
                await RecordUnexpectedAsync(inner).ConfigureAwait(false);
                ExceptionDispatchInfo.Capture(inner).Throw();
                throw; // unreachable
            }
            catch (Exception)
            {
                // The membership stream, the store or cancellation: nothing more is recorded; the lease is given back.
                await ReleaseQuietlyAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Stops renewing the lease before the run's last write (which releases it, or gives it up).</summary>
    private Task StopHeartbeatAsync() => _stopHeartbeat();

    private async Task StageAsync(IAsyncEnumerable<SegmentMember> members, CancellationToken cancellationToken)
    {
        await _store.ClearStagingAsync(_lease, cancellationToken).ConfigureAwait(false);
        var batch = new Dictionary<string, SegmentMember>(_options.StagingBatchSize, StringComparer.Ordinal);
        await foreach (var member in members.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (member is null)
            {
                _invalid++;
                continue;
            }

            batch[member.UserId] = ResolveIdentifiers(member);
            if (batch.Count >= _options.StagingBatchSize)
            {
                await StageBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await StageBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        _staged = await _store.CompleteStagingAsync(_lease, cancellationToken).ConfigureAwait(false);
        if (_malformedEmails > 0)
        {
            ListSyncLog.MalformedEmailsDropped(_logger, SegmentId, ListId, _malformedEmails);
        }

        ListSyncLog.Staged(_logger, SegmentId, ListId, _staged.Members, _staged.WithoutEmail);
        if (_staged.WithoutEmail > 0)
        {
            ListSyncLog.NotPersonalisable(_logger, SegmentId, ListId, _staged.WithoutEmail);
        }
    }

    /// <summary>
    /// The member's identifiers as sent and stored (<see cref="SegmentMember.Resolve"/>), except that an email Klaviyo's
    /// rules would refuse is dropped instead of costing the member: it is synced by the user id's email when that is a
    /// good one, else by its external id (the user id unless one was given), and an identity link may still supply an
    /// email. The same member is dropped the same way every run, so it is not resent.
    /// </summary>
    private SegmentMember ResolveIdentifiers(SegmentMember member)
    {
        var resolved = member.Resolve();
        if (resolved.Email is not { } email || EmailAddress.IsAcceptable(email))
        {
            return resolved;
        }

        _malformedEmails++;
        string userId = member.UserId.Trim().ToLowerInvariant();
        return EmailAddress.LooksLikeEmail(member.UserId) && EmailAddress.IsAcceptable(userId) && !string.Equals(userId, email, StringComparison.Ordinal)
            ? new SegmentMember(member.UserId, userId, resolved.PhoneNumber, resolved.ExternalId)
            : new SegmentMember(member.UserId, null, resolved.PhoneNumber, resolved.ExternalId ?? member.UserId);
    }

    private async Task StageBatchAsync(Dictionary<string, SegmentMember> batch, CancellationToken cancellationToken)
    {
        var withoutEmail = new List<string>();
        foreach (var member in batch.Values)
        {
            if (member.Email is null)
            {
                withoutEmail.Add(member.UserId);
            }
        }

        if (withoutEmail.Count > 0)
        {
            var links = await _store.GetLinkedEmailsAsync(SegmentId, withoutEmail, cancellationToken).ConfigureAwait(false);
            foreach (string userId in withoutEmail)
            {
                if (links.TryGetValue(userId, out string? email))
                {
                    batch[userId] = batch[userId] with { Email = email };
                }
                else if (_notPersonalisableSample.Count < _options.MaxReportedUserIds)
                {
                    _notPersonalisableSample.Add(userId);
                }
            }
        }

        await _store.StageMembersAsync(_lease, [.. batch.Values], cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyRemovalsAsync(IKlaviyoListSyncTarget target, CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await _store.ReadPendingRemovalsAsync(_lease, after, _options.RemoveBatchSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return;
            }

            after = page[^1].Entry.Member.UserId;
            var commit = new List<string>(page.Count);
            var send = new List<ListSyncRemoval>(page.Count);
            foreach (var pending in page)
            {
                if (!pending.Entry.InList || pending.SharesIdentifierWithMember)
                {
                    commit.Add(pending.Entry.Member.UserId);
                    _removalsSkipped++;
                }
                else
                {
                    send.Add(new ListSyncRemoval(pending.Entry.Member, pending.Entry.ProfileId));
                }
            }

            if (send.Count > 0)
            {
                var outcomes = await CallTargetAsync(() => target.RemoveMembersAsync(ListId, send, cancellationToken), cancellationToken).ConfigureAwait(false);
                CheckOutcomes(send, static r => r.Member.UserId, outcomes);
                int accepted = 0;
                var codes = new SortedSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < send.Count; i++)
                {
                    if (outcomes[i].Kind == ListSyncMemberOutcomeKind.Accepted)
                    {
                        commit.Add(send[i].Member.UserId);
                        accepted++;
                    }
                    else
                    {
                        // A removal is never given up on: rejected or failed, the entry stays and the next run retries it.
                        NoteCode(codes, outcomes[i].ErrorCode);
                        NoteCode(_failureCodes, outcomes[i].ErrorCode);
                    }
                }

                _removed += accepted;
                _failed += send.Count - accepted;
                ListSyncLog.BatchApplied(_logger, SegmentId, ListId, RemoveOperation, send.Count, accepted, 0, send.Count - accepted);
            }

            if (commit.Count > 0)
            {
                await _store.CommitRemovalsAsync(_lease, commit, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyUpsertsAsync(IKlaviyoListSyncTarget target, CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await _store.ReadPendingUpsertsAsync(_lease, after, _options.AddBatchSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return;
            }

            after = page[^1].Member.UserId;
            _upsertCandidates += page.Count;
            page = [.. page.Where(p => !AwaitsRemoval(p))];
            if (page.Count == 0)
            {
                continue;
            }

            var members = new List<SegmentMember>(page.Count);
            foreach (var pending in page)
            {
                members.Add(pending.Member);
            }

            var outcomes = await CallTargetAsync(() => target.AddOrUpdateMembersAsync(ListId, members, cancellationToken), cancellationToken).ConfigureAwait(false);
            CheckOutcomes(members, static m => m.UserId, outcomes);

            var commit = new List<ListSyncSnapshotEntry>(page.Count);
            int accepted = 0, rejected = 0, failed = 0;
            var rejectedCodes = new SortedSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < page.Count; i++)
            {
                var pending = page[i];
                var outcome = outcomes[i];
                bool wasInList = pending.Previous is { InList: true };
                switch (outcome.Kind)
                {
                    case ListSyncMemberOutcomeKind.Accepted:
                        commit.Add(new ListSyncSnapshotEntry(pending.Member, outcome.ProfileId ?? pending.Previous?.ProfileId, InList: true));
                        accepted++;
                        if (wasInList)
                        {
                            _updated++;
                        }
                        else
                        {
                            _added++;
                        }

                        break;
                    case ListSyncMemberOutcomeKind.Rejected:
                        rejected++;
                        NoteCode(rejectedCodes, outcome.ErrorCode);
                        if (!wasInList)
                        {
                            // Recorded as "not in the list" so it is not resent until its identifiers change. A rejected
                            // update of a member already in the list keeps the old entry, so a later removal still happens.
                            commit.Add(new ListSyncSnapshotEntry(pending.Member, ProfileId: null, InList: false));
                        }

                        break;
                    default:
                        failed++;
                        NoteCode(_failureCodes, outcome.ErrorCode);
                        break;
                }
            }

            _rejected += rejected;
            _failed += failed;
            ListSyncLog.BatchApplied(_logger, SegmentId, ListId, AddOperation, page.Count, accepted, rejected, failed);
            if (rejected > 0)
            {
                ListSyncLog.MembersRejected(_logger, SegmentId, ListId, AddOperation, rejected, string.Join(", ", rejectedCodes));
            }

            if (commit.Count > 0)
            {
                await _store.CommitUpsertsAsync(_lease, commit, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Whether a member's identifiers changed completely while its old profile is still in the list: the removal phase
    /// takes the old profile off first; when that failed this run, the member waits for the next run (already counted
    /// as failed), so the old profile is never lost track of.
    /// </summary>
    private static bool AwaitsRemoval(ListSyncPendingUpsert pending) =>
        pending.Previous is { InList: true } previous && !ShareAnIdentifier(previous.Member, pending.Member);

    private static bool ShareAnIdentifier(SegmentMember a, SegmentMember b) =>
        Same(a.Email, b.Email) || Same(a.PhoneNumber, b.PhoneNumber) || Same(a.ExternalId, b.ExternalId);

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.Ordinal);

    private async Task<ListSyncResult> FinishAsync(ListSyncFailure? failure, Activity? activity)
    {
        await StopHeartbeatAsync().ConfigureAwait(false);
        ListSyncRunOutcome outcome;
        ListSyncRunCompletion completion;
        if (failure is null)
        {
            if (_failed == 0)
            {
                outcome = ListSyncRunOutcome.Completed;
                completion = new(ListSyncConnectorStatus.Active, null, _timeProvider.GetUtcNow());
            }
            else
            {
                outcome = ListSyncRunOutcome.Partial;
                string codes = _failureCodes.Count == 0 ? "" : $" (error codes: {string.Join(", ", _failureCodes)})";
                completion = new(ListSyncConnectorStatus.Active, $"{_failed:N0} members could not be synced this run{codes}; the next run retries them.", null);
            }
        }
        else if (failure.NeedsAttention)
        {
            outcome = ListSyncRunOutcome.Failed;
            completion = new(ListSyncConnectorStatus.Error, failure.Message, null);
            ListSyncLog.ConnectorFailed(_logger, SegmentId, ListId, failure.Message);
        }
        else
        {
            outcome = ListSyncRunOutcome.Interrupted;
            completion = new(ListSyncConnectorStatus.Active, failure.Message, null);
            ListSyncLog.Interrupted(_logger, SegmentId, ListId, failure.Message);
        }

        ListSyncConnector connector;
        try
        {
            connector = await _store.CompleteRunAsync(_lease, completion, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ListSyncLeaseLostException)
        {
            ListSyncLog.LeaseLost(_logger, SegmentId, ListId);
            return await LeaseLostAsync().ConfigureAwait(false);
        }

        var result = BuildResult(outcome, connector);
        activity?.SetTag("klaviyo.list_sync.outcome", outcome.ToString());
        activity?.SetTag("klaviyo.list_sync.added", result.Added);
        activity?.SetTag("klaviyo.list_sync.removed", result.Removed);
        activity?.SetTag("klaviyo.list_sync.failed", result.Failed);
        ListSyncLog.Finished(_logger, SegmentId, ListId, outcome, result.Added, result.Updated, result.Removed, result.Unchanged, result.Rejected, result.Failed, (long)result.Duration.TotalMilliseconds);
        return result;
    }

    private async Task RecordUnexpectedAsync(Exception exception)
    {
        await StopHeartbeatAsync().ConfigureAwait(false);
        try
        {
            var failure = ListSyncFailure.Unexpected(exception);
            await _store.CompleteRunAsync(_lease, new(ListSyncConnectorStatus.Error, failure.Message, null), CancellationToken.None).ConfigureAwait(false);
        }
        catch (ListSyncLeaseLostException)
        {
            // Another worker owns the connector now; its run decides the status.
        }
    }

    private async Task<ListSyncResult> LeaseLostAsync()
    {
        await StopHeartbeatAsync().ConfigureAwait(false);
        var connector = await _store.GetConnectorAsync(SegmentId, ListId, CancellationToken.None).ConfigureAwait(false) ?? _lease.Connector;
        return BuildResult(ListSyncRunOutcome.LeaseLost, connector);
    }

    private async Task ReleaseQuietlyAsync()
    {
        await StopHeartbeatAsync().ConfigureAwait(false);
        try
        {
            await _store.ReleaseLeaseAsync(_lease, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The original exception matters more; the lease expires on its own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ListSyncLog.ReleaseFailed(_logger, SegmentId, ListId, ex);
        }
    }

    private ListSyncResult BuildResult(ListSyncRunOutcome outcome, ListSyncConnector connector) => new()
    {
        SegmentId = SegmentId,
        ListId = ListId,
        Outcome = outcome,
        Status = connector.Status,
        LastError = connector.LastError,
        LastSyncedAt = connector.LastSyncedAt,
        Members = _staged.Members,
        Added = _added,
        Updated = _updated,
        Removed = _removed,
        RemovalsSkipped = _removalsSkipped,
        Unchanged = outcome is ListSyncRunOutcome.Completed or ListSyncRunOutcome.Partial ? Math.Max(0, _staged.Members - _upsertCandidates) : 0,
        Rejected = _rejected,
        Failed = _failed,
        Invalid = _invalid,
        NotPersonalisable = _staged.WithoutEmail,
        MalformedEmailsDropped = _malformedEmails,
        NotPersonalisableSample = [.. _notPersonalisableSample.Order(StringComparer.Ordinal)],
        Duration = _timeProvider.GetElapsedTime(_started),
    };

    private static void CheckOutcomes<T>(IReadOnlyList<T> sent, Func<T, string> userId, IReadOnlyList<ListSyncMemberOutcome>? outcomes)
    {
        if (outcomes is null || outcomes.Count != sent.Count)
        {
            throw new TargetCallException(new InvalidOperationException(
                $"The list-sync target returned {outcomes?.Count ?? 0} outcomes for {sent.Count} members; it must return one per member, in order."));
        }

        for (int i = 0; i < sent.Count; i++)
        {
            if (outcomes[i] is null || !string.Equals(outcomes[i].UserId, userId(sent[i]), StringComparison.Ordinal))
            {
                throw new TargetCallException(new InvalidOperationException(
                    $"The list-sync target's outcome at position {i} is for a different member; outcomes must be in the members' order."));
            }
        }
    }

    private static void NoteCode(SortedSet<string> codes, string? code)
    {
        if (!string.IsNullOrEmpty(code) && codes.Count < MaxReportedCodes)
        {
            codes.Add(code);
        }
    }

    private static async Task<T> CallTargetAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new TargetCallException(ex);
        }
    }

    /// <summary>Marks an exception as thrown by the target (or its provider), as opposed to the store or the membership stream.</summary>
    private sealed class TargetCallException(Exception inner) : Exception(inner.Message, inner);
}
