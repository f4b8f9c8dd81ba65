using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// <c>POST /api/profile-subscription-bulk-create-jobs</c>: one job per list, <c>custom_source</c> and
/// <c>historical_import</c> (the group key), each profile built and serialized once exactly as the single call
/// builds it (<see cref="SubscriptionProfiles.Subscribe"/>). Klaviyo answers 202 with no body.
/// </summary>
internal sealed class KlaviyoSubscribeEndpoint(KlaviyoTransport transport) : IBulkEndpoint<SubscribeProfileRequest>
{
    public const string Path = "api/profile-subscription-bulk-create-jobs";

    /// <inheritdoc />
    public int MeasureEnvelope(BulkGroupKey key) => SubscriptionBulkJobDocument.EnvelopeBytes(Document(key, []));

    /// <inheritdoc />
    public BulkPartMeasure Measure(SubscribeProfileRequest part)
    {
        var fragment = SubscriptionBulkJobDocument.SerializeProfile(SubscriptionProfiles.Subscribe(part), ActionNames.SubscribeProfile);
        return new BulkPartMeasure(fragment.Length, Wire: BulkWire.Keep(fragment));
    }

    /// <inheritdoc />
    public async Task<BulkChunkResponse> SendChunkAsync(BulkGroupKey key, IReadOnlyList<BulkRow<SubscribeProfileRequest>> rows, CancellationToken cancellationToken)
    {
        byte[] body = KlaviyoWire.Serialize(Document(key, BulkWire.FirstFragments(rows)), KlaviyoJsonContext.Default.SubscriptionBulkJobDocument, ActionNames.SubscribeProfile);
        await transport.SendAsync(KlaviyoOperation.BulkSubscribeProfiles, HttpMethod.Post, Path, body, cancellationToken).ConfigureAwait(false);
        return BulkChunkResponse.Accepted;
    }

    private static SubscriptionBulkJobDocument Document(BulkGroupKey key, IReadOnlyList<Api.Json.JsonFragment> profiles) =>
        SubscriptionBulkJobDocument.Subscribe(
            profiles,
            string.IsNullOrEmpty(key.CustomSource) ? SubscribeProfileRequest.SegmentCustomSource : key.CustomSource,
            key.HistoricalImport,
            key.ListId);
}
