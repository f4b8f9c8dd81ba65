using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions;

public partial class KlaviyoClient
{
    /// <summary>How many product events of one order are in flight at once.</summary>
    private const int ProductEventConcurrency = 4;

    private const string EventsPath = "api/events";

    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();

    /// <inheritdoc />
    public virtual async Task<TrackEventResult> TrackEventAsync(TrackEventRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.TrackEvent);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.TrackEvent);

        var data = EventResolver.Resolve(
            r.MetricName, r.Profile, r.Properties ?? NoProperties, r.Time, r.Value, r.ValueCurrency, r.UniqueId, _timeProvider, ActionNames.TrackEvent);
        await SendEventAsync(SerializeEvent(data, ActionNames.TrackEvent), cancellationToken).ConfigureAwait(false);
        return new TrackEventResult(data.UniqueId);
    }

    /// <inheritdoc />
    public virtual async Task<OrderCompletedResult> TrackOrderCompletedAsync(OrderCompletedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = KlaviyoRequestValidator.Validate(request, _timeProvider).GetNormalizedOrThrow(ActionNames.OrderCompleted);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.OrderCompleted);

        // Build every body first: an unsupported property fails the call before anything is sent.
        var order = EventResolver.Resolve(
            r.EventName, r.Profile, OrderEvents.OrderProperties(r), r.Time, r.Value, r.ValueCurrency, r.UniqueId, _timeProvider, ActionNames.OrderCompleted);
        byte[] orderBody = SerializeEvent(order, ActionNames.OrderCompleted);
        var productIds = EventUniqueIds.ForProducts(order.UniqueId, r.Products ?? []);
        byte[][] productBodies = [.. OrderEvents.ProductEvents(r, order, productIds).Select(e => SerializeEvent(e, ActionNames.OrderCompleted))];

        await SendEventAsync(orderBody, cancellationToken).ConfigureAwait(false);
        if (productBodies.Length == 1)
        {
            // One product (the commonest order): sent inline, without Parallel.ForEachAsync's worker, linked token
            // source and thread-pool hop. As there, a caller's cancellation stops it before it is sent.
            cancellationToken.ThrowIfCancellationRequested();
            await SendEventAsync(productBodies[0], cancellationToken).ConfigureAwait(false);
        }
        else if (productBodies.Length is > 1 and <= ProductEventConcurrency)
        {
            // A few products (most orders): all sent at once, without Parallel.ForEachAsync's workers and hops.
            // A failure fails the call once every send has finished; a retry resends the same ids.
            cancellationToken.ThrowIfCancellationRequested();
            var sends = new Task[productBodies.Length];
            for (int i = 0; i < sends.Length; i++)
            {
                sends[i] = SendEventAsync(productBodies[i], cancellationToken);
            }

            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        else if (productBodies.Length > ProductEventConcurrency)
        {
            // Only after Klaviyo accepted the order. A failure fails the call; a retry resends the same ids.
            var options = new ParallelOptions { MaxDegreeOfParallelism = ProductEventConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(productBodies, options, async (body, ct) => await SendEventAsync(body, ct).ConfigureAwait(false))
                .ConfigureAwait(false);
        }

        ClientLog.OrderEventsSent(_logger, productBodies.Length);
        return new OrderCompletedResult(order.UniqueId, productIds);
    }

    private static byte[] SerializeEvent(EventData data, string action) =>
        KlaviyoWire.Write(data, EventFragmentWriter.CreateEventDocument, action);

    private Task<KlaviyoResponse> SendEventAsync(byte[] body, CancellationToken cancellationToken) =>
        _transport.SendAsync(KlaviyoOperation.CreateEvent, HttpMethod.Post, EventsPath, body, cancellationToken);
}
