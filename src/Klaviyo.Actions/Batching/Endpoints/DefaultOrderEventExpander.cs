using System.Globalization;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// The Order Completed expansion used until the client's own is wired in: the order event with the order's
/// properties and value, then one product event per product whose properties are the order's (without
/// <c>products</c>) overlaid with the product's, with no value (Segment's behaviour). A product event's
/// <c>unique_id</c> is <c>{order unique_id}:{product index}</c> when the order has one; otherwise it is left
/// to the serializer's derivation.
/// </summary>
internal sealed class DefaultOrderEventExpander : IOrderEventExpander
{
    public static readonly DefaultOrderEventExpander Instance = new();

    public IReadOnlyList<TrackEventRequest> Expand(OrderCompletedRequest order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var products = order.Products;
        var events = new TrackEventRequest[1 + (products?.Count ?? 0)];
        events[0] = new TrackEventRequest
        {
            Profile = order.Profile,
            MetricName = order.EventName,
            Properties = order.Properties,
            Time = order.Time,
            Value = order.Value,
            ValueCurrency = order.ValueCurrency,
            UniqueId = order.UniqueId,
        };

        for (int i = 1; i < events.Length; i++)
        {
            var product = products![i - 1];
            events[i] = new TrackEventRequest
            {
                Profile = order.Profile,
                MetricName = order.ProductEventName,
                Properties = ProductProperties(order.Properties, product),
                Time = order.Time,
                UniqueId = order.UniqueId is null ? null : string.Create(CultureInfo.InvariantCulture, $"{order.UniqueId}:{i - 1}"),
            };
        }

        return events;
    }

    private static Dictionary<string, object?> ProductProperties(IReadOnlyDictionary<string, object?>? orderProperties, OrderProduct product)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (orderProperties is not null)
        {
            foreach (var (key, value) in orderProperties)
            {
                if (!string.Equals(key, "products", StringComparison.Ordinal))
                {
                    properties[key] = value;
                }
            }
        }

        Set(properties, "product_id", product.ProductId);
        Set(properties, "sku", product.Sku);
        Set(properties, "name", product.Name);
        Set(properties, "category", product.Category);
        Set(properties, "brand", product.Brand);
        Set(properties, "variant", product.Variant);
        Set(properties, "price", product.Price);
        Set(properties, "quantity", product.Quantity);
        Set(properties, "url", product.Url);
        Set(properties, "image_url", product.ImageUrl);
        if (product.AdditionalProperties is not null)
        {
            foreach (var (key, value) in product.AdditionalProperties)
            {
                properties[key] = value;
            }
        }

        return properties;
    }

    private static void Set(Dictionary<string, object?> properties, string key, object? value)
    {
        if (value is not null)
        {
            properties[key] = value;
        }
    }
}
