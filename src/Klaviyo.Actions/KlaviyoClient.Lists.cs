using System.Globalization;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions;

public partial class KlaviyoClient
{
    /// <summary>Lists per page of <c>GET /api/lists</c> (Klaviyo's maximum).</summary>
    private const int ListPageSize = 10;

    /// <inheritdoc />
    public virtual async Task<ListMembershipResult> AddProfileToListAsync(AddProfileToListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.AddProfileToList);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.AddProfileToList);

        // Unlike Segment: a 409 updates the existing profile, and any other error fails the call.
        var outcome = await UpsertCoreAsync(ProfileAttributes.From(r), ActionNames.AddProfileToList, cancellationToken).ConfigureAwait(false);
        await AddProfilesToListCoreAsync(r.ListId, [outcome.ProfileId], cancellationToken).ConfigureAwait(false);
        return new ListMembershipResult(r.ListId, [outcome.ProfileId]);
    }

    /// <inheritdoc />
    public virtual async Task<ListMembershipResult> RemoveProfileFromListAsync(RemoveProfileFromListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.RemoveProfileFromList);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.RemoveProfileFromList);
        return await RemoveMatchingProfilesAsync(r.ListId, r, ActionNames.RemoveProfileFromList, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task<ListMembershipResult> RemoveProfileAsync(RemoveProfileRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.RemoveProfile);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.RemoveProfile);
        return await RemoveMatchingProfilesAsync(r.ListId, r, ActionNames.RemoveProfile, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task<KlaviyoList> CreateListAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.CreateList);

        const string path = "api/lists";
        byte[] body = KlaviyoWire.Serialize(ListCreateDocument.Named(name), KlaviyoJsonContext.Default.ListCreateDocument, ActionNames.CreateList);
        var response = await _transport.SendAsync(KlaviyoOperation.CreateList, HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
        var list = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.ListResponse, "POST " + path).Data;
        return ToList(list) ?? throw KlaviyoWire.Unexpected(response, "POST " + path, "the body has no data.id");
    }

    /// <inheritdoc />
    public virtual async Task<KlaviyoList> GetListAsync(string listId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listId);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.GetList);

        string path = "api/lists/" + Uri.EscapeDataString(listId);
        var response = await _transport.SendAsync(KlaviyoOperation.GetList, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        var list = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.ListResponse, "GET " + path).Data;
        return ToList(list) ?? throw KlaviyoWire.Unexpected(response, "GET " + path, "the body has no data.id");
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<KlaviyoList>> FindListsByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.FindListsByName);

        var found = new List<KlaviyoList>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string? path = string.Create(
            CultureInfo.InvariantCulture,
            $"api/lists?{KlaviyoFilter.QueryParameter(KlaviyoFilter.EqualTo("name", name))}&page[size]={ListPageSize}");
        while (path is not null && visited.Add(path))
        {
            var response = await _transport.SendAsync(KlaviyoOperation.GetLists, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            var page = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.ListCollectionResponse, "GET api/lists");
            foreach (var data in page.Data ?? [])
            {
                if (ToList(data) is { } list && string.Equals(list.Name, name, StringComparison.Ordinal))
                {
                    found.Add(list);
                }
            }

            path = KlaviyoPaging.NextPath(page.Links?.Next);
        }

        return found;
    }

    /// <summary>Looks up every profile matching the identifiers and removes them from the list; sends no DELETE when none match.</summary>
    private async Task<ListMembershipResult> RemoveMatchingProfilesAsync(string listId, IProfileIdentity identity, string action, CancellationToken cancellationToken)
    {
        var lookup = new ProfileIdLookup(_transport);
        var found = await lookup.FindAsync(ProfileIdentifierSet.Of(identity), cancellationToken).ConfigureAwait(false);
        if (found.ProfileIds.Count == 0)
        {
            ClientLog.NoProfilesMatched(_logger, listId);
            return new ListMembershipResult(listId, []);
        }

        await ChangeListMembershipAsync(KlaviyoOperation.RemoveProfilesFromList, HttpMethod.Delete, listId, found.ProfileIds, action, cancellationToken)
            .ConfigureAwait(false);
        ClientLog.ProfilesRemovedFromList(_logger, found.ProfileIds.Count, listId);
        return new ListMembershipResult(listId, found.ProfileIds);
    }

    private Task AddProfilesToListCoreAsync(string listId, IReadOnlyList<string> profileIds, CancellationToken cancellationToken) =>
        ChangeListMembershipAsync(KlaviyoOperation.AddProfilesToList, HttpMethod.Post, listId, profileIds, ActionNames.AddProfileToList, cancellationToken);

    /// <summary><c>POST</c> or <c>DELETE /api/lists/{id}/relationships/profiles</c>, 1,000 ids per call.</summary>
    private async Task ChangeListMembershipAsync(
        KlaviyoOperation operation,
        HttpMethod method,
        string listId,
        IReadOnlyList<string> profileIds,
        string action,
        CancellationToken cancellationToken)
    {
        string path = "api/lists/" + Uri.EscapeDataString(listId) + "/relationships/profiles";
        foreach (string[] chunk in profileIds.Chunk(ResourceIdentifierList.MaxProfilesPerListCall))
        {
            byte[] body = KlaviyoWire.Serialize(ResourceIdentifierList.Profiles(chunk), KlaviyoJsonContext.Default.ResourceIdentifierList, action);
            await _transport.SendAsync(operation, method, path, body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static KlaviyoList? ToList(ListData? data) =>
        data is { Id: { Length: > 0 } id }
            ? new KlaviyoList(id, data.Attributes?.Name ?? string.Empty, data.Attributes?.OptInProcess)
            : null;
}
