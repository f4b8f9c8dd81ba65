using Klaviyo.Actions.Api;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Expands Order Completed exactly as <see cref="KlaviyoClient.TrackOrderCompletedAsync"/> does: the order event
/// (the order's properties exactly as given, its value and currency) and one product event per product
/// (the order's properties without <c>products</c> overlaid with the product's, no value). The order's
/// <c>unique_id</c> is the caller's or the client's derived id; an order without either gets its time stamped from
/// the clock here, once, so every event of the order and every resend carries the same time and ids. Product ids are
/// <c>{order id}:{product id ?? sku ?? #index}</c>, the same as the single call.
/// </summary>
internal sealed class OrderEventExpander(TimeProvider timeProvider) : IOrderEventExpander
{
    /// <inheritdoc />
    public IReadOnlyList<TrackEventRequest> Expand(OrderCompletedRequest order)
    {
        ArgumentNullException.ThrowIfNull(order);

        // The single call stamps a missing time only when it derives the id; a caller's id keeps Klaviyo's receipt time.
        DateTimeOffset? time = string.IsNullOrEmpty(order.UniqueId)
            ? order.Time ?? KlaviyoTime.TruncateToSecond(timeProvider.GetUtcNow())
            : order.Time;
        var products = order.Products ?? [];

        var orderEvent = EventResolver.Resolve(
            order.EventName,
            order.Profile,
            OrderEvents.OrderProperties(order),
            time,
            order.Value,
            order.ValueCurrency,
            order.UniqueId,
            timeProvider,
            ActionNames.OrderCompleted);

        var productIds = EventUniqueIds.ForProducts(orderEvent.UniqueId, products);
        var events = new TrackEventRequest[1 + products.Count];
        events[0] = new TrackEventRequest
        {
            Profile = order.Profile,
            MetricName = order.EventName,
            Properties = orderEvent.Properties,
            Time = time,
            Value = order.Value,
            ValueCurrency = order.ValueCurrency,
            UniqueId = orderEvent.UniqueId,
        };

        for (int i = 0; i < products.Count; i++)
        {
            events[i + 1] = new TrackEventRequest
            {
                Profile = order.Profile,
                MetricName = order.ProductEventName,
                Properties = ProductEvent(order, products[i]),
                Time = time,
                UniqueId = productIds[i],
            };
        }

        return events;
    }

    /// <summary>A product event's properties: a view when the dictionaries allow one, else the merged dictionary.</summary>
    private static IReadOnlyDictionary<string, object?> ProductEvent(OrderCompletedRequest order, OrderProduct product)
    {
        IReadOnlyDictionary<string, object?>? productSide = product.SourceProperties is not null
            ? OrderEvents.ProductProperties(product)
            : ProductPropertiesView.TryCreate(product);
        if (productSide is not null && ProductEventProperties.TryCreate(order.Properties, productSide) is { } view)
        {
            return view;
        }

        return OrderEvents.ProductEventProperties(order, OrderEvents.ProductProperties(product));
    }
}
