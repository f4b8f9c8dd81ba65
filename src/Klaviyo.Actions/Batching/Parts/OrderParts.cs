using System.Globalization;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Names the events of an Order Completed action (the order event, then one per product, in the order
/// <see cref="OrderEventExpander"/> and <see cref="KlaviyoClient.TrackOrderCompletedAsync"/> send them) and turns
/// their outcomes into <see cref="KlaviyoPartOutcome"/>s.
/// </summary>
internal static class OrderParts
{
    /// <summary>The <see cref="KlaviyoItemOutcome.Reason"/> of a product event not sent because its order event failed.</summary>
    public const string OrderEventNotAccepted = "not sent: the order event was not accepted";

    /// <summary>The <see cref="KlaviyoItemOutcome.Reason"/> of an event whose outcome never came in.</summary>
    public const string NoOutcome = "no outcome";

    /// <summary>The longest product id quoted in a part's name.</summary>
    private const int MaxQuotedId = 64;

    /// <summary>The part outcomes of <paramref name="order"/>; a missing one (<see langword="null"/>) becomes a failure with <paramref name="missing"/> as reason.</summary>
    public static KlaviyoPartOutcome[] Build(OrderCompletedRequest order, string action, IReadOnlyList<KlaviyoItemOutcome?> outcomes, string missing = NoOutcome)
    {
        var products = order.Products ?? [];
        var parts = new KlaviyoPartOutcome[outcomes.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            var product = i > 0 && i <= products.Count ? products[i - 1] : null;
            string? productId = product is null ? null : product.ProductId ?? product.Sku;
            parts[i] = new KlaviyoPartOutcome
            {
                Index = i,
                Name = i == 0 ? "order event" : ProductName(order, product, i, products.Count),
                ProductId = productId,
                Outcome = outcomes[i] ?? KlaviyoItemOutcome.Failed(action, missing),
            };
        }

        return parts;
    }

    private static string ProductName(OrderCompletedRequest order, OrderProduct? product, int index, int count)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"{order.ProductEventName} {index} of {count}");
        if (product?.ProductId is { } id)
        {
            return $"{name} (product_id {Quote(id)})";
        }

        return product?.Sku is { } sku ? $"{name} (sku {Quote(sku)})" : name;
    }

    private static string Quote(string value) => value.Length <= MaxQuotedId ? value : string.Concat(value.AsSpan(0, MaxQuotedId), "…");
}
