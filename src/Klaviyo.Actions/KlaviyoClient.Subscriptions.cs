using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions;

public partial class KlaviyoClient
{
    /// <inheritdoc />
    public virtual async Task SubscribeProfileAsync(SubscribeProfileRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.SubscribeProfile);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.SubscribeProfile);

        string customSource = string.IsNullOrEmpty(r.CustomSource) ? SubscribeProfileRequest.SegmentCustomSource : r.CustomSource;
        var document = SubscriptionJobDocument.Subscribe([SubscriptionProfiles.Subscribe(r)], customSource, r.HistoricalImport, r.ListId);
        byte[] body = KlaviyoWire.Serialize(document, KlaviyoJsonContext.Default.SubscriptionJobDocument, ActionNames.SubscribeProfile);
        await _transport.SendAsync(KlaviyoOperation.BulkSubscribeProfiles, HttpMethod.Post, "api/profile-subscription-bulk-create-jobs", body, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task UnsubscribeProfileAsync(UnsubscribeProfileRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.UnsubscribeProfile);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.UnsubscribeProfile);

        var document = SubscriptionJobDocument.Unsubscribe([SubscriptionProfiles.Unsubscribe(r)], r.ListId);
        byte[] body = KlaviyoWire.Serialize(document, KlaviyoJsonContext.Default.SubscriptionJobDocument, ActionNames.UnsubscribeProfile);
        await _transport.SendAsync(KlaviyoOperation.BulkUnsubscribeProfiles, HttpMethod.Post, "api/profile-subscription-bulk-delete-jobs", body, cancellationToken)
            .ConfigureAwait(false);
    }
}
