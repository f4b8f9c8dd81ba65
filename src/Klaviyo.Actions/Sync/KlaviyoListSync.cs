using System.Runtime.CompilerServices;
using Klaviyo.Actions.Mapping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Sync;

/// <summary>
/// Syncs segment membership into Klaviyo lists: after each recompute, hand it the segment's full membership; it
/// computes the delta against the last accepted snapshot, applies it through an <see cref="IKlaviyoListSyncTarget"/>
/// in bulk, and records what Klaviyo accepted.
/// </summary>
/// <remarks>
/// <para>
/// Membership is streamed into the <see cref="IListSyncStateStore"/>'s staging area and the delta is read back in
/// user-id order a page at a time, so a run's memory is bounded by the batch sizes, not by the segment's size.
/// </para>
/// <para>
/// The snapshot changes only for members Klaviyo accepted, one committed batch at a time: a run that fails or is
/// interrupted leaves a consistent state, and the next run redoes exactly what was not accepted. Removals run before
/// additions, so a member whose user id changed but whose profile did not ends up in the list.
/// </para>
/// <para>Thread-safe. Runs on one connector are serialised across processes by the store's lease.</para>
/// </remarks>
public sealed class KlaviyoListSync
{
    private readonly IListSyncStateStore _store;
    private readonly IKlaviyoListSyncTargetProvider _targets;
    private readonly ListSyncOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    private static readonly ListSyncRunOptions DefaultRunOptions = new();

    /// <summary>Creates the sync engine.</summary>
    /// <param name="store">Where the sync state lives.</param>
    /// <param name="targets">Resolves a connector's credential name to the target that applies its changes.</param>
    /// <param name="options">Batch sizes and lease settings; defaults when <see langword="null"/>. Copied.</param>
    /// <param name="timeProvider">The clock for <c>last_synced_at</c> and durations; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public KlaviyoListSync(
        IListSyncStateStore store,
        IKlaviyoListSyncTargetProvider targets,
        ListSyncOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<KlaviyoListSync>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(targets);
        _options = (options ?? new ListSyncOptions()).Clone();
        _options.Validate();
        _store = store;
        _targets = targets;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Registers a connector (inactive unless <see cref="ListSyncConnectorRegistration.InitialStatus"/> says otherwise),
    /// or updates the credential name of an existing one. Nothing is sent to Klaviyo.
    /// </summary>
    /// <param name="registration">The segment, list and credential name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connector as stored.</returns>
    /// <exception cref="KlaviyoValidationException">
    /// A field is invalid (list id not 6 letters or digits, an API key given as the credential name, ...) or another
    /// segment already syncs into the list (rule <c>list_already_synced</c>: two segments would remove each other's members).
    /// </exception>
    public async Task<ListSyncConnector> RegisterConnectorAsync(ListSyncConnectorRegistration registration, CancellationToken cancellationToken = default)
    {
        ListSyncValidation.ThrowIfInvalid(registration);
        var others = await _store.GetConnectorsForListAsync(registration.ListId, cancellationToken).ConfigureAwait(false);
        var conflict = others.FirstOrDefault(c => !string.Equals(c.SegmentId, registration.SegmentId, StringComparison.Ordinal));
        if (conflict is not null)
        {
            throw new KlaviyoValidationException(ListSyncValidation.Action, [new KlaviyoValidationError(
                "list_id",
                "list_already_synced",
                $"List '{registration.ListId}' is already synced from segment '{conflict.SegmentId}'; a list takes its membership from one segment, or the two would remove each other's members.")]);
        }

        return await _store.CreateOrUpdateConnectorAsync(registration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a connector.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connector, or <see langword="null"/> when none is registered.</returns>
    public Task<ListSyncConnector?> GetConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken = default)
    {
        ListSyncValidation.ThrowIfInvalid(segmentId, listId);
        return _store.GetConnectorAsync(segmentId, listId, cancellationToken);
    }

    /// <summary>Reads every connector of a segment.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connectors, ordered by list id.</returns>
    public Task<IReadOnlyList<ListSyncConnector>> GetConnectorsAsync(string segmentId, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidSegmentId(segmentId);
        return _store.GetConnectorsAsync(segmentId, cancellationToken);
    }

    /// <summary>Activates a connector: its next run syncs. A connector in error is activated too (its last error is kept until a run succeeds).</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated connector.</returns>
    /// <exception cref="ListSyncConnectorNotFoundException">No such connector.</exception>
    public Task<ListSyncConnector> ActivateAsync(string segmentId, string listId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(segmentId, listId, ListSyncConnectorStatus.Active, cancellationToken);

    /// <summary>Deactivates a connector: runs are skipped until it is activated again. A run in progress finishes its current batch.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated connector.</returns>
    /// <exception cref="ListSyncConnectorNotFoundException">No such connector.</exception>
    public Task<ListSyncConnector> DeactivateAsync(string segmentId, string listId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(segmentId, listId, ListSyncConnectorStatus.Inactive, cancellationToken);

    /// <summary>Deletes a connector and its sync state. The Klaviyo list and its profiles are left as they are.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a connector was deleted.</returns>
    public Task<bool> DeleteConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken = default)
    {
        ListSyncValidation.ThrowIfInvalid(segmentId, listId);
        return _store.DeleteConnectorAsync(segmentId, listId, cancellationToken);
    }

    /// <summary>
    /// Runs one sync of a connector with the segment's full current membership. An inactive connector is skipped
    /// without reading <paramref name="members"/>; a connector another worker is syncing is skipped too
    /// (<see cref="ListSyncRunOutcome.AlreadyRunning"/>, with <see cref="ListSyncResult.LeaseHolder"/>), unless that
    /// worker was a process of this machine that no longer runs: its lease is taken over at once.
    /// </summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="members">The complete membership, streamed; enumerated at most once. A user id given twice keeps its last identifiers.</param>
    /// <param name="cancellationToken">Cancels the run; what was committed stays committed.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="KlaviyoValidationException">The segment or list id is malformed.</exception>
    /// <exception cref="ListSyncConnectorNotFoundException">No such connector.</exception>
    /// <remarks>
    /// Klaviyo key and list problems do not throw: the connector moves to <see cref="ListSyncConnectorStatus.Error"/>
    /// and the result says so. An exception from <paramref name="members"/> or the store ends the run with nothing more
    /// changed and is rethrown; so is an unexpected exception from the target, after the connector records it.
    /// </remarks>
    public Task<ListSyncResult> SyncAsync(string segmentId, string listId, IAsyncEnumerable<SegmentMember> members, CancellationToken cancellationToken = default) =>
        SyncAsync(segmentId, listId, members, DefaultRunOptions, cancellationToken);

    /// <summary>
    /// Runs one sync of a connector with the segment's full current membership, with per-run options (e.g. taking the
    /// lease over from a worker an operator knows is gone).
    /// </summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="members">The complete membership, streamed; enumerated at most once. A user id given twice keeps its last identifiers.</param>
    /// <param name="runOptions">Options for this run.</param>
    /// <param name="cancellationToken">Cancels the run; what was committed stays committed.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="KlaviyoValidationException">The segment or list id is malformed.</exception>
    /// <exception cref="ListSyncConnectorNotFoundException">No such connector.</exception>
    public async Task<ListSyncResult> SyncAsync(string segmentId, string listId, IAsyncEnumerable<SegmentMember> members, ListSyncRunOptions runOptions, CancellationToken cancellationToken = default)
    {
        ListSyncValidation.ThrowIfInvalid(segmentId, listId);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(runOptions);
        long started = _timeProvider.GetTimestamp();

        var connector = await _store.GetConnectorAsync(segmentId, listId, cancellationToken).ConfigureAwait(false)
            ?? throw new ListSyncConnectorNotFoundException(segmentId, listId);
        if (connector.Status == ListSyncConnectorStatus.Inactive)
        {
            ListSyncLog.SkippedInactive(_logger, segmentId, listId);
            return Idle(connector, ListSyncRunOutcome.Skipped, started);
        }

        string owner = ListSyncLeaseHolder.CreateOwner(_options.WorkerName);
        var (lease, takenFrom, holder) = await AcquireLeaseAsync(segmentId, listId, owner, runOptions, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            connector = await _store.GetConnectorAsync(segmentId, listId, cancellationToken).ConfigureAwait(false)
                ?? throw new ListSyncConnectorNotFoundException(segmentId, listId);
            holder = connector.LeaseHolder ?? holder;
            ListSyncLog.AlreadyRunning(_logger, segmentId, listId, holder?.ToString() ?? "released since");
            return Idle(connector, ListSyncRunOutcome.AlreadyRunning, started) with { LeaseHolder = holder };
        }

        if (lease.Connector.Status == ListSyncConnectorStatus.Inactive)
        {
            await _store.ReleaseLeaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            ListSyncLog.SkippedInactive(_logger, segmentId, listId);
            return Idle(lease.Connector, ListSyncRunOutcome.Skipped, started);
        }

        var run = new ListSyncRun(_store, lease, _options, _timeProvider, _logger, started);
        var result = await run.ExecuteAsync(_targets, members, cancellationToken).ConfigureAwait(false);
        return takenFrom is null ? result : result with { LeaseTakenOverFrom = takenFrom };
    }

    /// <summary>
    /// Syncs every connector of a segment after a recompute, one after another. Inactive connectors are reported as
    /// <see cref="ListSyncRunOutcome.Skipped"/>.
    /// </summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="readMembership">Opens a fresh stream of the full membership; called once per connector that syncs.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>One result per connector, in list-id order.</returns>
    public async Task<IReadOnlyList<ListSyncResult>> SyncSegmentAsync(string segmentId, Func<IAsyncEnumerable<SegmentMember>> readMembership, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidSegmentId(segmentId);
        ArgumentNullException.ThrowIfNull(readMembership);
        var connectors = await _store.GetConnectorsAsync(segmentId, cancellationToken).ConfigureAwait(false);
        var results = new List<ListSyncResult>(connectors.Count);
        foreach (var connector in connectors)
        {
            var members = connector.Status == ListSyncConnectorStatus.Inactive ? EmptyMembership() : readMembership();
            results.Add(await SyncAsync(segmentId, connector.ListId, members, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>
    /// Links an email to a user id, from an identify event that carried an email trait. Members with that user id and
    /// no email of their own are synced with this email from the next run on, which upserts their profile with it and
    /// makes them personalisable.
    /// </summary>
    /// <param name="segmentId">The segment the link applies to, or <see langword="null"/> for every segment.</param>
    /// <param name="userId">The user id.</param>
    /// <param name="email">The email (stored trimmed and lower-cased).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the link is stored.</returns>
    /// <exception cref="KlaviyoValidationException">The user id is empty or too long, or the email is not an email address.</exception>
    public Task LinkIdentityAsync(string? segmentId, string userId, string email, CancellationToken cancellationToken = default)
    {
        var errors = new List<KlaviyoValidationError>();
        if (segmentId is not null)
        {
            ListSyncValidation.CheckSegmentId(segmentId, errors);
        }

        if (string.IsNullOrWhiteSpace(userId))
        {
            errors.Add(new("user_id", "required", "The user id is required."));
        }
        else if (userId.Length > SegmentMember.MaxUserIdLength)
        {
            errors.Add(new("user_id", "max_length", $"The user id must be at most {SegmentMember.MaxUserIdLength} characters."));
        }

        if (!EmailAddress.LooksLikeEmail(email))
        {
            errors.Add(new("email", "email_format", "The email must look like name@example.com."));
        }

        ListSyncValidation.ThrowIfAny(errors);
        return _store.LinkIdentityAsync(segmentId, userId, email.Trim().ToLowerInvariant(), cancellationToken);
    }

    /// <summary>
    /// Feeds identity links from Segment events, as the list-sync connector's <c>context_identified</c> linking
    /// describes: each identify event (and each track event named <c>context_identified</c>) whose user id is not an
    /// email and that carries an email (<c>traits.email</c>, for the track event <c>properties.email</c>, else
    /// <c>context.traits.email</c>) links that email to the user id for every segment, as
    /// <see cref="LinkIdentityAsync"/> does. Members with that user id and no email of their own are synced with it
    /// from the next run on. Other events, events without a user id, and emails Klaviyo would refuse are skipped.
    /// </summary>
    /// <param name="events">The events (any types; only the ones above are used). A user id seen twice keeps its last email.</param>
    /// <param name="cancellationToken">Cancels the call; links already stored stay.</param>
    /// <returns>How many links were stored.</returns>
    public async Task<int> LinkIdentitiesAsync(IEnumerable<SegmentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        int seen = 0;
        foreach (var segmentEvent in events)
        {
            seen++;
            if (IdentityLink.TryRead(segmentEvent, out string? userId, out string? email))
            {
                links[userId] = email;
            }
        }

        foreach (var (userId, email) in links)
        {
            await _store.LinkIdentityAsync(null, userId, email, cancellationToken).ConfigureAwait(false);
        }

        ListSyncLog.IdentitiesLinked(_logger, links.Count, seen);
        return links.Count;
    }

    /// <summary>Streams the user ids of members in the list without an email (synced by external id or phone), in user-id order.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="listId">The list id.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The user ids.</returns>
    public async IAsyncEnumerable<string> GetNotPersonalisableUserIdsAsync(string segmentId, string listId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ListSyncValidation.ThrowIfInvalid(segmentId, listId);
        string? after = null;
        while (true)
        {
            var page = await _store.ReadSnapshotAsync(segmentId, listId, after, 1_000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var entry in page)
            {
                if (entry.InList && entry.Member.Email is null)
                {
                    yield return entry.Member.UserId;
                }
            }

            after = page[^1].Member.UserId;
        }
    }

    private static void ThrowIfInvalidSegmentId(string segmentId)
    {
        var errors = new List<KlaviyoValidationError>();
        ListSyncValidation.CheckSegmentId(segmentId, errors);
        ListSyncValidation.ThrowIfAny(errors);
    }

#pragma warning disable CS1998 // An empty stream for connectors that will not read it.
    private static async IAsyncEnumerable<SegmentMember> EmptyMembership()
    {
        yield break;
    }
#pragma warning restore CS1998

    private async Task<ListSyncConnector> SetStatusAsync(string segmentId, string listId, ListSyncConnectorStatus status, CancellationToken cancellationToken)
    {
        ListSyncValidation.ThrowIfInvalid(segmentId, listId);
        return await _store.SetStatusAsync(segmentId, listId, status, cancellationToken).ConfigureAwait(false)
            ?? throw new ListSyncConnectorNotFoundException(segmentId, listId);
    }

    /// <summary>
    /// Takes the lease: free or expired; else from a holder that is a dead process of this machine, or from any holder
    /// when the run asks to take over. Taking over names the holder seen, so a holder that changed meanwhile keeps it.
    /// </summary>
    private async Task<(ListSyncLease? Lease, ListSyncLeaseHolder? TakenFrom, ListSyncLeaseHolder? Holder)> AcquireLeaseAsync(
        string segmentId, string listId, string owner, ListSyncRunOptions runOptions, CancellationToken cancellationToken)
    {
        ListSyncLeaseHolder? holder = null;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var lease = await _store.TryAcquireLeaseAsync(segmentId, listId, owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                return (lease, null, null);
            }

            var connector = await _store.GetConnectorAsync(segmentId, listId, cancellationToken).ConfigureAwait(false);
            holder = connector?.LeaseHolder;
            if (holder is null)
            {
                continue; // released (or expired) in between: try once more
            }

            string? reason = runOptions.TakeOverLease ? "take-over requested"
                : _options.TakeOverOrphanedLeases && holder.IsOrphanedOnThisMachine() ? "its process no longer runs"
                : null;
            if (reason is null)
            {
                return (null, null, holder);
            }

            lease = await _store.TryTakeOverLeaseAsync(segmentId, listId, holder.Owner, owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                ListSyncLog.LeaseTakenOver(_logger, segmentId, listId, holder.ToString(), reason);
                return (lease, holder, null);
            }
        }

        return (null, null, holder);
    }

    private ListSyncResult Idle(ListSyncConnector connector, ListSyncRunOutcome outcome, long started) => new()
    {
        SegmentId = connector.SegmentId,
        ListId = connector.ListId,
        Outcome = outcome,
        Status = connector.Status,
        LastError = connector.LastError,
        LastSyncedAt = connector.LastSyncedAt,
        Duration = _timeProvider.GetElapsedTime(started),
    };
}
