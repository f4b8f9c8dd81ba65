using Klaviyo.Actions.Api.Documents;

namespace Klaviyo.Actions.Operations;

/// <summary>Builds the properties of an order event and of its product events.</summary>
internal static class OrderEvents
{
    /// <summary>The key holding the order's product list.</summary>
    public const string ProductsKey = "products";

    /// <summary>
    /// The order event's properties: the caller's properties plus a <c>products</c> array built from
    /// <see cref="OrderCompletedRequest.Products"/>, unless the properties already hold <c>products</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> OrderProperties(OrderCompletedRequest request)
    {
        var properties = request.Properties ?? new Dictionary<string, object?>();
        if (request.Products is not { Count: > 0 } products || properties.ContainsKey(ProductsKey))
        {
            return properties;
        }

        var merged = new Dictionary<string, object?>(properties, StringComparer.Ordinal)
        {
            [ProductsKey] = products.Select(ProductProperties).ToList(),
        };
        return merged;
    }

    /// <summary>
    /// A product event's properties: the order's properties without <c>products</c>, overwritten by the
    /// product's fields (product keys win, as in Segment).
    /// </summary>
    public static IReadOnlyDictionary<string, object?> ProductEventProperties(OrderCompletedRequest request, OrderProduct product)
    {
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Properties ?? new Dictionary<string, object?>())
        {
            if (key != ProductsKey)
            {
                merged[key] = value;
            }
        }

        foreach (var (key, value) in ProductProperties(product))
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>
    /// A product as properties: its <see cref="OrderProduct.AdditionalProperties"/>, then the typed fields that
    /// are set (<c>product_id, sku, name, category, brand, variant, price, quantity, url, image_url</c>), which win.
    /// </summary>
    public static Dictionary<string, object?> ProductProperties(OrderProduct product)
    {
        var properties = product.AdditionalProperties is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : new Dictionary<string, object?>(product.AdditionalProperties, StringComparer.Ordinal);
        SetIfPresent(properties, "product_id", product.ProductId);
        SetIfPresent(properties, "sku", product.Sku);
        SetIfPresent(properties, "name", product.Name);
        SetIfPresent(properties, "category", product.Category);
        SetIfPresent(properties, "brand", product.Brand);
        SetIfPresent(properties, "variant", product.Variant);
        SetIfPresent(properties, "price", product.Price);
        SetIfPresent(properties, "quantity", product.Quantity);
        SetIfPresent(properties, "url", product.Url);
        SetIfPresent(properties, "image_url", product.ImageUrl);
        return properties;
    }

    /// <summary>The product events of an accepted order: the order's time and profile, no value, derived ids.</summary>
    public static IReadOnlyList<EventData> ProductEvents(OrderCompletedRequest request, EventData order, IReadOnlyList<string> productIds)
    {
        var products = request.Products ?? [];
        var events = new List<EventData>(products.Count);
        for (int i = 0; i < products.Count; i++)
        {
            events.Add(new EventData(
                request.ProductEventName,
                order.Profile,
                ProductEventProperties(request, products[i]),
                order.Time,
                Value: null,
                ValueCurrency: null,
                productIds[i]));
        }

        return events;
    }

    private static void SetIfPresent(Dictionary<string, object?> properties, string key, string? value)
    {
        if (value is not null)
        {
            properties[key] = value;
        }
    }

    private static void SetIfPresent(Dictionary<string, object?> properties, string key, decimal? value)
    {
        if (value is { } number)
        {
            properties[key] = number;
        }
    }
}
