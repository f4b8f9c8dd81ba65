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
        var sent = await SendOrderAsync(request, cancellationToken).ConfigureAwait(false);
        sent.ThrowFirstFailure();
        return sent.Result;
    }

    /// <inheritdoc />
    Task<OrderDelivery> IOrderPartsSender.SendOrderAsync(OrderCompletedRequest request, CancellationToken cancellationToken) =>
        SendOrderAsync(request, cancellationToken);

    /// <summary>
    /// Sends the order event, then (once Klaviyo accepted it) every product event, and keeps what happened to each.
    /// Throws only what fails before anything is sent (an invalid request).
    /// </summary>
    private async Task<OrderDelivery> SendOrderAsync(OrderCompletedRequest request, CancellationToken cancellationToken)
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
        var delivery = new OrderDelivery(r, new OrderCompletedResult(order.UniqueId, productIds), productBodies.Length);

        try
        {
            await SendEventAsync(orderBody, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Product events go only after Klaviyo accepted the order.
            delivery.Failures[0] = exception;
            return delivery;
        }

        if (productBodies.Length == 1)
        {
            // One product (the commonest order): sent inline, without Parallel.ForEachAsync's worker, linked token
            // source and thread-pool hop.
            await SendProductAsync(productBodies, 0, delivery, cancellationToken).ConfigureAwait(false);
        }
        else if (productBodies.Length is > 1 and <= ProductEventConcurrency)
        {
            // A few products (most orders): all sent at once, without Parallel.ForEachAsync's workers and hops.
            var sends = new Task[productBodies.Length];
            for (int i = 0; i < sends.Length; i++)
            {
                sends[i] = SendProductAsync(productBodies, i, delivery, cancellationToken);
            }

            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        else if (productBodies.Length > ProductEventConcurrency)
        {
            // Every product is tried, a failed one does not stop the others; a retry resends the same ids.
            var options = new ParallelOptions { MaxDegreeOfParallelism = ProductEventConcurrency };
            await Parallel.ForEachAsync(
                Enumerable.Range(0, productBodies.Length),
                options,
                async (i, _) => await SendProductAsync(productBodies, i, delivery, cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false);
        }

        if (delivery.FirstFailure is null)
        {
            ClientLog.OrderEventsSent(_logger, productBodies.Length);
        }

        return delivery;
    }

    /// <summary>Sends one product event; a failure is kept on <paramref name="delivery"/> (a caller's cancellation stops it before it is sent).</summary>
    private async Task SendProductAsync(byte[][] bodies, int product, OrderDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SendEventAsync(bodies[product], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            delivery.Failures[product + 1] = exception;
        }
    }

    private static byte[] SerializeEvent(EventData data, string action) =>
        KlaviyoWire.Write(data, EventFragmentWriter.CreateEventDocument, action);

    private Task<KlaviyoResponse> SendEventAsync(byte[] body, CancellationToken cancellationToken) =>
        _transport.SendAsync(KlaviyoOperation.CreateEvent, HttpMethod.Post, EventsPath, body, cancellationToken);
}
