using Klaviyo.Actions.Api.Documents;

namespace Klaviyo.Actions.Operations;

/// <summary>Builds the properties of an order event and of its product events.</summary>
internal static class OrderEvents
{
    /// <summary>The key holding the order's product list.</summary>
    public const string ProductsKey = "products";

    private static readonly IReadOnlyDictionary<string, object?> EmptyProperties = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// The order event's properties: the caller's properties plus a <c>products</c> array built from
    /// <see cref="OrderCompletedRequest.Products"/>, unless the properties already hold <c>products</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> OrderProperties(OrderCompletedRequest request) =>
        OrderProperties(request, request.Products is { Count: > 0 } products ? AllProductProperties(products) : []);

    /// <summary>
    /// <see cref="OrderProperties(OrderCompletedRequest)"/> with each product's properties already built
    /// (<see cref="AllProductProperties"/>), so an expansion that also sends product events builds them once.
    /// The dictionaries are shared, never changed afterwards.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> OrderProperties(OrderCompletedRequest request, List<Dictionary<string, object?>> productProperties)
    {
        var properties = request.Properties ?? EmptyProperties;
        if (productProperties.Count == 0 || properties.ContainsKey(ProductsKey))
        {
            return properties;
        }

        var merged = new Dictionary<string, object?>(properties.Count + 1, StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            merged[key] = value;
        }

        merged[ProductsKey] = productProperties;
        return merged;
    }

    /// <summary>Each product's properties (<see cref="ProductProperties"/>), in order.</summary>
    public static List<Dictionary<string, object?>> AllProductProperties(IReadOnlyList<OrderProduct> products)
    {
        var all = new List<Dictionary<string, object?>>(products.Count);
        for (int i = 0; i < products.Count; i++)
        {
            all.Add(ProductProperties(products[i]));
        }

        return all;
    }

    /// <summary>
    /// A product event's properties: the order's properties without <c>products</c>, overwritten by the
    /// product's fields (product keys win, as in Segment).
    /// </summary>
    public static IReadOnlyDictionary<string, object?> ProductEventProperties(OrderCompletedRequest request, OrderProduct product) =>
        ProductEventProperties(request, ProductProperties(product));

    /// <summary><see cref="ProductEventProperties(OrderCompletedRequest, OrderProduct)"/> from the product's properties already built.</summary>
    public static IReadOnlyDictionary<string, object?> ProductEventProperties(OrderCompletedRequest request, Dictionary<string, object?> productProperties)
    {
        var orderProperties = request.Properties ?? EmptyProperties;
        var merged = new Dictionary<string, object?>(orderProperties.Count + productProperties.Count, StringComparer.Ordinal);
        foreach (var (key, value) in orderProperties)
        {
            if (key != ProductsKey)
            {
                merged[key] = value;
            }
        }

        foreach (var (key, value) in productProperties)
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
