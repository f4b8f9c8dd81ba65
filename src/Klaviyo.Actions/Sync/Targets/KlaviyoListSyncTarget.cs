using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Sync;

/// <summary>
/// The <see cref="IKlaviyoListSyncTarget"/> over a Klaviyo client: validation with <c>GET /api/lists/{id}</c>,
/// additions as bulk profile import jobs carrying the list relationship (at most 10,000 profiles and 5 MB per job,
/// no per-profile look-ups, jobs followed to completion), removals by profile id in chunks of 1,000.
/// </summary>
/// <remarks>
/// <para>
/// Removals use the profile id the sync state kept when there is one; members without one are resolved with batched
/// <c>GET /api/profiles?filter=any(…)</c> look-ups (100 values per filter). A profile that matches nothing is already
/// off the list and counts as accepted.
/// </para>
/// <para>
/// A 401/403, a request Klaviyo refused as a whole (unknown list) or a call where nothing got through (429 after the
/// client's retries, 5xx, transport failure) is thrown, as <see cref="KlaviyoListSync"/> expects; anything else is
/// reported per member. Thread-safe.
/// </para>
/// </remarks>
public sealed class KlaviyoListSyncTarget : IKlaviyoListSyncTarget
{
    private readonly IKlaviyoClient _client;
    private readonly IKlaviyoBulkClient _bulk;
    private readonly KlaviyoClient? _directClient;
    private readonly KlaviyoListSyncTargetOptions _options;

    /// <summary>Creates a target over a client: its key, rate limiting, retries and <see cref="KlaviyoClient.Bulk"/> apply.</summary>
    /// <param name="client">The client.</param>
    /// <param name="options">How additions are confirmed; defaults when <see langword="null"/>. Copied.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public KlaviyoListSyncTarget(KlaviyoClient client, KlaviyoListSyncTargetOptions? options = null)
        : this(client, NotNull(client).Bulk, options)
    {
    }

    /// <summary>
    /// Creates a target over any client and bulk client (e.g. decorated ones). Removals by stored profile id need a
    /// <see cref="KlaviyoClient"/>; with another client every removal is resolved from its identifiers.
    /// </summary>
    /// <param name="client">The client (list validation, and removals by profile id when it is a <see cref="KlaviyoClient"/>).</param>
    /// <param name="bulk">The bulk client (imports, look-ups and removals by identifiers).</param>
    /// <param name="options">How additions are confirmed; defaults when <see langword="null"/>. Copied.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public KlaviyoListSyncTarget(IKlaviyoClient client, IKlaviyoBulkClient bulk, KlaviyoListSyncTargetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(bulk);
        _options = (options ?? new KlaviyoListSyncTargetOptions()).Clone();
        _options.Validate();
        _client = client;
        _bulk = bulk;
        _directClient = client is KlaviyoClient { HasTransport: true } direct ? direct : null;
    }

    /// <inheritdoc />
    /// <exception cref="KlaviyoValidationException">The list id is not 6 letters or digits (nothing is sent).</exception>
    public async Task ValidateAsync(string listId, CancellationToken cancellationToken)
    {
        ThrowIfInvalidListId(listId);
        await _client.GetListAsync(listId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ListSyncMemberOutcome>> AddOrUpdateMembersAsync(string listId, IReadOnlyList<SegmentMember> members, CancellationToken cancellationToken)
    {
        ThrowIfInvalidListId(listId);
        ArgumentNullException.ThrowIfNull(members);
        var outcomes = new ListSyncMemberOutcome[members.Count];
        if (members.Count == 0)
        {
            return outcomes;
        }

        var requests = new AddProfileToListRequest[members.Count];
        for (int i = 0; i < requests.Length; i++)
        {
            requests[i] = ToAddRequest(listId, members[i], withPhone: true);
        }

        var result = await ImportAsync(requests, cancellationToken).ConfigureAwait(false);
        var retry = new List<int>();
        for (int i = 0; i < outcomes.Length; i++)
        {
            var outcome = result.Items[i].Outcome;
            if (_options.DropInvalidPhoneNumbers && IsOnlyPhoneInvalid(outcome, requests[i]))
            {
                retry.Add(i);
                continue;
            }

            outcomes[i] = BulkOutcomeTranslator.Translate(members[i].UserId, outcome, _options.AcceptUnconfirmedImports);
        }

        if (retry.Count > 0)
        {
            await ImportWithoutPhonesAsync(listId, members, retry, outcomes, cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ListSyncMemberOutcome>> RemoveMembersAsync(string listId, IReadOnlyList<ListSyncRemoval> members, CancellationToken cancellationToken)
    {
        ThrowIfInvalidListId(listId);
        ArgumentNullException.ThrowIfNull(members);
        var outcomes = new ListSyncMemberOutcome[members.Count];
        var byId = new List<int>();
        var byIdentifiers = new List<int>();
        for (int i = 0; i < members.Count; i++)
        {
            (members[i].ProfileId is { Length: > 0 } && _directClient is not null ? byId : byIdentifiers).Add(i);
        }

        if (byId.Count > 0)
        {
            var refused = await RemoveByProfileIdsAsync(listId, members, byId, outcomes, cancellationToken).ConfigureAwait(false);
            byIdentifiers.AddRange(refused);
        }

        if (byIdentifiers.Count > 0)
        {
            await RemoveByIdentifiersAsync(listId, members, byIdentifiers, outcomes, cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    private static KlaviyoClient NotNull(KlaviyoClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client;
    }

    private static void ThrowIfInvalidListId(string listId)
    {
        if (!ListSyncValidation.IsValidListId(listId))
        {
            throw new KlaviyoValidationException(ListSyncValidation.Action, [new KlaviyoValidationError(
                "list_id",
                "list_id_format",
                $"Klaviyo list ids are exactly {ListSyncValidation.ListIdLength} letters or digits and case-sensitive; copy the id from the list's URL.")]);
        }
    }

    private static AddProfileToListRequest ToAddRequest(string listId, SegmentMember member, bool withPhone) => new()
    {
        ListId = listId,
        Email = member.Email,
        PhoneNumber = withPhone ? member.PhoneNumber : null,
        ExternalId = member.ExternalId,
    };

    /// <summary>Refused only for its phone (or country code), and still identifiable without it.</summary>
    private static bool IsOnlyPhoneInvalid(KlaviyoItemOutcome outcome, IProfileIdentity request) =>
        outcome.Status == KlaviyoItemStatus.Invalid
        && request.PhoneNumber is not null
        && (request.Email is not null || request.ExternalId is not null)
        && outcome.ValidationErrors.All(e => e.Field is "phone_number" or "country_code");

    private async Task<KlaviyoBatchResult<KlaviyoBatchItem>> ImportAsync(IReadOnlyList<AddProfileToListRequest> requests, CancellationToken cancellationToken)
    {
        var callOptions = new KlaviyoBulkCallOptions { TrackImportJobs = _options.TrackImportJobs, JobTrackingTimeout = _options.JobTrackingTimeout };
        var result = await _bulk.SendAsync(requests.Select(KlaviyoBatchItem.From), callOptions, cancellationToken).ConfigureAwait(false);
        var failure = BulkOutcomeTranslator.WholeCallFailure(
            [.. result.Items.Select(i => i.Outcome)], BulkEndpointDescriptor.ProfileImport, "POST", KlaviyoProfileImportEndpoint.Path, cancellationToken);
        return failure is null ? result : throw failure;
    }

    private async Task ImportWithoutPhonesAsync(string listId, IReadOnlyList<SegmentMember> members, List<int> indices, ListSyncMemberOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var requests = indices.Select(i => ToAddRequest(listId, members[i], withPhone: false)).ToList();
        var result = await ImportAsync(requests, cancellationToken).ConfigureAwait(false);
        for (int r = 0; r < indices.Count; r++)
        {
            var outcome = BulkOutcomeTranslator.Translate(members[indices[r]].UserId, result.Items[r].Outcome, _options.AcceptUnconfirmedImports);
            outcomes[indices[r]] = outcome.Kind == ListSyncMemberOutcomeKind.Accepted ? outcome with { ErrorCode = "phone_number_dropped" } : outcome;
        }
    }

    /// <summary>Deletes the stored profile ids; returns the members to resolve by identifiers instead (ids Klaviyo refused as a whole).</summary>
    private async Task<IReadOnlyList<int>> RemoveByProfileIdsAsync(
        string listId,
        IReadOnlyList<ListSyncRemoval> members,
        List<int> indices,
        ListSyncMemberOutcome[] outcomes,
        CancellationToken cancellationToken)
    {
        var client = _directClient!;
        var refused = new List<int>();
        foreach (int[] chunk in indices.Chunk(KlaviyoBulkLimits.MaxProfileIdsPerListChange))
        {
            var ids = chunk.Select(i => members[i].ProfileId!).Distinct(StringComparer.Ordinal).ToList();
            try
            {
                await client.RemoveProfileIdsFromListAsync(listId, ids, cancellationToken).ConfigureAwait(false);
            }
            catch (KlaviyoApiException exception) when (IsStaleIdRefusal(exception))
            {
                // A 400/409/422 about the ids (e.g. a profile merged away): fall back to the identifiers.
                refused.AddRange(chunk);
                continue;
            }

            foreach (int i in chunk)
            {
                outcomes[i] = ListSyncMemberOutcome.Accepted(members[i].Member.UserId, members[i].ProfileId);
            }
        }

        return refused;
    }

    private static bool IsStaleIdRefusal(KlaviyoApiException exception) =>
        !exception.IsTransient && exception.StatusCode is not (System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound);

    private async Task RemoveByIdentifiersAsync(
        string listId,
        IReadOnlyList<ListSyncRemoval> members,
        List<int> indices,
        ListSyncMemberOutcome[] outcomes,
        CancellationToken cancellationToken)
    {
        var requests = indices.Select(i => ToRemoveRequest(listId, members[i].Member, withPhone: true)).ToList();
        var result = await SendRemovalsAsync(listId, requests, cancellationToken).ConfigureAwait(false);
        var retry = new List<int>();
        for (int r = 0; r < indices.Count; r++)
        {
            var outcome = result.Items[r].Outcome;
            if (IsOnlyPhoneInvalid(outcome, requests[r]))
            {
                // Synced without its phone (see DropInvalidPhoneNumbers): find it by its other identifiers.
                retry.Add(r);
                continue;
            }

            outcomes[indices[r]] = RemovalOutcome(members[indices[r]].Member.UserId, outcome);
        }

        if (retry.Count == 0)
        {
            return;
        }

        var again = await SendRemovalsAsync(listId, [.. retry.Select(r => ToRemoveRequest(listId, members[indices[r]].Member, withPhone: false))], cancellationToken).ConfigureAwait(false);
        for (int k = 0; k < retry.Count; k++)
        {
            int index = indices[retry[k]];
            outcomes[index] = RemovalOutcome(members[index].Member.UserId, again.Items[k].Outcome);
        }
    }

    private static RemoveProfileFromListRequest ToRemoveRequest(string listId, SegmentMember member, bool withPhone) => new()
    {
        ListId = listId,
        Email = member.Email,
        PhoneNumber = withPhone ? member.PhoneNumber : null,
        ExternalId = member.ExternalId,
    };

    private static ListSyncMemberOutcome RemovalOutcome(string userId, KlaviyoItemOutcome outcome) =>
        BulkOutcomeTranslator.Translate(userId, outcome, acceptUnconfirmed: true, outcome.ProfileIds.Count > 0 ? outcome.ProfileIds[0] : null);

    private async Task<KlaviyoBatchResult<KlaviyoBatchItem>> SendRemovalsAsync(string listId, IReadOnlyList<RemoveProfileFromListRequest> requests, CancellationToken cancellationToken)
    {
        var result = await _bulk.SendAsync(requests.Select(KlaviyoBatchItem.From), null, cancellationToken).ConfigureAwait(false);
        var failure = BulkOutcomeTranslator.WholeCallFailure(
            [.. result.Items.Select(i => i.Outcome)],
            BulkEndpointDescriptor.ListRemove,
            "DELETE",
            KlaviyoListMembershipEndpoint.PathFor(listId),
            cancellationToken);
        return failure is null ? result : throw failure;
    }
}
