using System.Text.Json;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// <c>POST /api/profile-bulk-import-jobs</c> for Upsert Profile and Add Profile to List: each profile is
/// serialized once (<see cref="ProfileBulkImportJobDocument.SerializeProfile(UpsertProfileRequest, string)"/>) while measuring; a request carries
/// the group's list as <c>relationships.lists</c>. The 202 answer's <c>data.id</c> is the job to follow.
/// </summary>
internal sealed class KlaviyoProfileImportEndpoint(KlaviyoTransport transport) : IBulkEndpoint<UpsertProfileRequest>
{
    public const string Path = "api/profile-bulk-import-jobs";

    /// <inheritdoc />
    public int MeasureEnvelope(BulkGroupKey key) => ProfileBulkImportJobDocument.EnvelopeBytes(ListIds(key));

    /// <inheritdoc />
    public BulkPartMeasure Measure(UpsertProfileRequest part)
    {
        var fragment = ProfileBulkImportJobDocument.SerializeProfile(part, ActionNames.UpsertProfile);
        return new BulkPartMeasure(fragment.Length, Wire: BulkWire.Keep(fragment));
    }

    /// <inheritdoc />
    public async Task<BulkChunkResponse> SendChunkAsync(BulkGroupKey key, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows, CancellationToken cancellationToken)
    {
        byte[] body = SerializeBody(key, rows);
        var response = await transport.SendAsync(KlaviyoOperation.BulkImportProfiles, HttpMethod.Post, Path, body, cancellationToken).ConfigureAwait(false);
        return new BulkChunkResponse(JobId(response));
    }

    /// <summary>The UTF-8 body of one import job: the group's list relationship and each row's profile fragment, in order.</summary>
    /// <param name="key">The group key (its list becomes <c>relationships.lists</c>).</param>
    /// <param name="rows">The planned rows (one profile each).</param>
    internal static byte[] SerializeBody(BulkGroupKey key, IReadOnlyList<BulkRow<UpsertProfileRequest>> rows)
    {
        var document = ProfileBulkImportJobDocument.Create(BulkWire.FirstFragments(rows), ListIds(key));
        return KlaviyoWire.Serialize(document, KlaviyoJsonContext.Default.ProfileBulkImportJobDocument, ActionNames.UpsertProfile);
    }

    /// <summary>The job id of a 202 answer; <see langword="null"/> when the body lacks it (the request was still accepted).</summary>
    internal static string? JobId(KlaviyoResponse response)
    {
        if (response.Body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, KlaviyoJsonContext.Default.ProfileBulkImportJobResponse)?.Data?.Id is { Length: > 0 } id ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string[]? ListIds(BulkGroupKey key) => string.IsNullOrEmpty(key.ListId) ? null : [key.ListId];
}
