namespace Klaviyo.Actions;

/// <summary>
/// One product of an order (Segment's e-commerce spec product). Sent as the properties of an
/// "Ordered Product" event, merged over the order's properties.
/// </summary>
public sealed record OrderProduct
{
    /// <summary>Product id (<c>product_id</c>).</summary>
    public string? ProductId { get; init; }

    /// <summary>Stock keeping unit (<c>sku</c>).</summary>
    public string? Sku { get; init; }

    /// <summary>Name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Category (<c>category</c>).</summary>
    public string? Category { get; init; }

    /// <summary>Brand (<c>brand</c>).</summary>
    public string? Brand { get; init; }

    /// <summary>Variant (<c>variant</c>).</summary>
    public string? Variant { get; init; }

    /// <summary>Unit price (<c>price</c>).</summary>
    public decimal? Price { get; init; }

    /// <summary>Quantity (<c>quantity</c>).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>Product page URL (<c>url</c>).</summary>
    public string? Url { get; init; }

    /// <summary>Product image URL (<c>image_url</c>).</summary>
    public string? ImageUrl { get; init; }

    /// <summary>Any other product properties, sent as given.</summary>
    public IReadOnlyDictionary<string, object?>? AdditionalProperties { get; init; }

    /// <summary>
    /// The product exactly as the mapped event held it (keys unchanged, values uncoerced), set by the mapping
    /// binder: when set, the "Ordered Product" event's product side is this object, as in Segment
    /// (<c>{...order properties, ...product}</c>), and the typed fields serve only the unique id.
    /// </summary>
    internal IReadOnlyDictionary<string, object?>? SourceProperties { get; init; }
}
