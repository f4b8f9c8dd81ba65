namespace Klaviyo.Actions;

/// <summary>
/// Order Completed: record an order event and one product event per product
/// (Segment action <c>orderCompleted</c>).
/// </summary>
public sealed record OrderCompletedRequest
{
    /// <summary>The default order metric name.</summary>
    public const string DefaultEventName = "Order Completed";

    /// <summary>The default per-product metric name.</summary>
    public const string DefaultProductEventName = "Ordered Product";

    /// <summary>The profile that placed the order.</summary>
    public required EventProfile Profile { get; init; }

    /// <summary>Order properties (for example <c>order_id</c>, <c>total</c>, <c>currency</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Properties { get; init; }

    /// <summary>When the order was placed.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The order's monetary value.</summary>
    public decimal? Value { get; init; }

    /// <summary>ISO 4217 currency of <see cref="Value"/>.</summary>
    public string? ValueCurrency { get; init; }

    /// <summary>
    /// Deduplication key of the order event. When absent a deterministic id is derived from the
    /// request. Each product event's id is derived from this one and the product.
    /// </summary>
    public string? UniqueId { get; init; }

    /// <summary>The products; one product event is sent for each.</summary>
    public IReadOnlyList<OrderProduct>? Products { get; init; }

    /// <summary>Metric name of the order event; defaults to <c>Order Completed</c>.</summary>
    public string EventName { get; init; } = DefaultEventName;

    /// <summary>Metric name of each product event; defaults to <c>Ordered Product</c>.</summary>
    public string ProductEventName { get; init; } = DefaultProductEventName;

    /// <inheritdoc />
    public override string ToString() => $"OrderCompleted '{EventName}' {Profile} ({Products?.Count ?? 0} products)";
}
