using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// <c>POST /api/profile-subscription-bulk-delete-jobs</c>: one job per list (at most 100 profiles), each profile
/// built and serialized once exactly as the single call builds it (<see cref="SubscriptionProfiles.Unsubscribe"/>).
/// Klaviyo answers 202 with no body.
/// </summary>
internal sealed class KlaviyoUnsubscribeEndpoint(KlaviyoTransport transport) : IBulkEndpoint<UnsubscribeProfileRequest>
{
    public const string Path = "api/profile-subscription-bulk-delete-jobs";

    /// <inheritdoc />
    public int MeasureEnvelope(BulkGroupKey key) => SubscriptionBulkJobDocument.EnvelopeBytes(SubscriptionBulkJobDocument.Unsubscribe([], key.ListId));

    /// <inheritdoc />
    public BulkPartMeasure Measure(UnsubscribeProfileRequest part)
    {
        var fragment = SubscriptionBulkJobDocument.SerializeProfile(SubscriptionProfiles.Unsubscribe(part), ActionNames.UnsubscribeProfile);
        return new BulkPartMeasure(fragment.Length, Wire: BulkWire.Keep(fragment));
    }

    /// <inheritdoc />
    public async Task<BulkChunkResponse> SendChunkAsync(BulkGroupKey key, IReadOnlyList<BulkRow<UnsubscribeProfileRequest>> rows, CancellationToken cancellationToken)
    {
        var document = SubscriptionBulkJobDocument.Unsubscribe(BulkWire.FirstFragments(rows), key.ListId);
        byte[] body = KlaviyoWire.Serialize(document, KlaviyoJsonContext.Default.SubscriptionBulkJobDocument, ActionNames.UnsubscribeProfile);
        await transport.SendAsync(KlaviyoOperation.BulkUnsubscribeProfiles, HttpMethod.Post, Path, body, cancellationToken).ConfigureAwait(false);
        return BulkChunkResponse.Accepted;
    }
}
