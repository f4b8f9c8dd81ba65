using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Operations;

/// <summary>Builds the properties of an order event and of its product events.</summary>
internal static class OrderEvents
{
    /// <summary>The key holding the order's product list.</summary>
    public const string ProductsKey = "products";

    private static readonly IReadOnlyDictionary<string, object?> EmptyProperties = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// The order event's properties: the caller's (mapped) properties exactly as given, as Segment sends them; no
    /// <c>products</c> array is added (the default mapping's <c>$.properties</c> already holds the event's one).
    /// </summary>
    public static IReadOnlyDictionary<string, object?> OrderProperties(OrderCompletedRequest request) =>
        request.Properties ?? EmptyProperties;

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
    /// A product as properties: the product as the mapped event held it (<see cref="OrderProduct.SourceProperties"/>,
    /// keys and values unchanged, as Segment sends it) when bound from a mapping; otherwise its
    /// <see cref="OrderProduct.AdditionalProperties"/>, then the typed fields that are set (<c>product_id, sku,
    /// name, category, brand, variant, price, quantity, url, image_url</c>), which win.
    /// </summary>
    public static Dictionary<string, object?> ProductProperties(OrderProduct product)
    {
        if (product.SourceProperties is { } source)
        {
            return source is Dictionary<string, object?> ordinal && OrdinalKeys.Of(ordinal)
                ? ordinal
                : new Dictionary<string, object?>(source, StringComparer.Ordinal);
        }

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
