using System.Net;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions;

public partial class KlaviyoClient
{
    private const string ProfileImportPath = "api/profile-import";

    /// <inheritdoc />
    public virtual async Task<UpsertProfileResult> UpsertProfileAsync(UpsertProfileRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.UpsertProfile);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.UpsertProfile);

        var outcome = await UpsertCoreAsync(ProfileAttributes.From(r), ActionNames.UpsertProfile, cancellationToken).ConfigureAwait(false);
        string? listId = string.IsNullOrEmpty(r.ListId) ? null : r.ListId;
        if (listId is not null)
        {
            await AddProfilesToListCoreAsync(listId, [outcome.ProfileId], cancellationToken).ConfigureAwait(false);
        }

        return new UpsertProfileResult(outcome.ProfileId, outcome.Created, outcome.ResolvedDuplicate, listId);
    }

    /// <inheritdoc />
    public virtual async Task RequestProfileDeletionAsync(ProfileDeletionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.OnDelete);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.OnDelete);

        byte[] body = KlaviyoWire.Serialize(
            DataPrivacyDeletionJobDocument.From(r, ActionNames.OnDelete),
            KlaviyoJsonContext.Default.DataPrivacyDeletionJobDocument,
            ActionNames.OnDelete);
        await _transport.SendAsync(KlaviyoOperation.RequestProfileDeletion, HttpMethod.Post, "api/data-privacy-deletion-jobs", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /api/profile-import</c>; on a 409 that names the existing profile (<c>duplicate_profile_id</c>),
    /// <c>PATCH /api/profiles/{id}</c> with the same attributes; when that PATCH conflicts again (identifiers on two
    /// profiles), the PATCH is repeated without the identifiers. A 409 without the id is rethrown.
    /// </summary>
    private async Task<ProfileUpsertOutcome> UpsertCoreAsync(ProfileAttributes attributes, string action, CancellationToken cancellationToken)
    {
        byte[] body = SerializeProfile(null, attributes, action);
        try
        {
            var response = await _transport.SendAsync(KlaviyoOperation.CreateOrUpdateProfile, HttpMethod.Post, ProfileImportPath, body, cancellationToken).ConfigureAwait(false);
            string id = ReadProfileId(response, "POST " + ProfileImportPath)
                ?? throw KlaviyoWire.Unexpected(response, "POST " + ProfileImportPath, "the body has no data.id");
            return new ProfileUpsertOutcome(id, response.StatusCode == HttpStatusCode.Created, ResolvedDuplicate: false);
        }
        catch (KlaviyoApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict && ex.DuplicateProfileId is { Length: > 0 } duplicateId)
        {
            string path = "api/profiles/" + Uri.EscapeDataString(duplicateId);
            KlaviyoResponse response;
            try
            {
                response = await PatchProfileAsync(path, duplicateId, attributes, action, cancellationToken).ConfigureAwait(false);
            }
            catch (KlaviyoApiException again) when (again.StatusCode == HttpStatusCode.Conflict)
            {
                // The identifiers are split across two profiles: Klaviyo refuses to move one onto the other. Update the
                // profile it named with everything but the identifiers instead of failing the upsert.
                response = await PatchProfileAsync(path, duplicateId, attributes.WithoutIdentifiers(), action, cancellationToken).ConfigureAwait(false);
            }

            ClientLog.DuplicateProfileResolved(_logger, duplicateId);
            return new ProfileUpsertOutcome(ReadProfileId(response, "PATCH " + path) ?? duplicateId, Created: false, ResolvedDuplicate: true);
        }
    }

    private Task<KlaviyoResponse> PatchProfileAsync(string path, string profileId, ProfileAttributes attributes, string action, CancellationToken cancellationToken) =>
        _transport.SendAsync(KlaviyoOperation.UpdateProfile, HttpMethod.Patch, path, SerializeProfile(profileId, attributes, action), cancellationToken);

    private static byte[] SerializeProfile(string? id, ProfileAttributes attributes, string action) =>
        KlaviyoWire.Serialize(new ProfileDocument(new ProfileResource(id, attributes)), KlaviyoJsonContext.Default.ProfileDocument, action);

    private static string? ReadProfileId(KlaviyoResponse response, string request) =>
        response.Body.Length == 0 ? null : KlaviyoWire.Read(response, KlaviyoJsonContext.Default.ProfileResponse, request).Data?.Id;
}
