using System.Diagnostics.CodeAnalysis;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// A product event's properties as a read-only view, without copying them into a new dictionary: the same keys,
/// values and key order as <see cref="OrderEvents.ProductEventProperties(OrderCompletedRequest, Dictionary{string, object?})"/>
/// builds (the order's properties without <c>products</c>, a key the product also has taking the product's value
/// in the order's position, then the product's other keys). Built only over dictionaries whose key look-up is
/// ordinal (<see cref="TryCreate"/>); both are never changed afterwards.
/// </summary>
internal sealed class ProductEventProperties : ReadOnlyPropertiesView
{
    private static readonly Dictionary<string, object?> Empty = new(StringComparer.Ordinal);

    private readonly Dictionary<string, object?> _order;
    private readonly IReadOnlyDictionary<string, object?> _product;

    private ProductEventProperties(Dictionary<string, object?> order, IReadOnlyDictionary<string, object?> product)
    {
        _order = order;
        _product = product;
        int count = 0;
        foreach (var key in order.Keys)
        {
            count += key == OrderEvents.ProductsKey ? 0 : 1;
        }

        foreach (var key in product.Keys)
        {
            count += InOrder(key) ? 0 : 1;
        }

        Count = count;
    }

    /// <inheritdoc />
    public override int Count { get; }

    /// <inheritdoc />
    protected override string Description => "the product event's properties";

    /// <summary>
    /// The view over an order's properties and a product's, or <see langword="null"/> when the order's properties
    /// are not a dictionary with ordinal key look-up (the caller then builds the merged dictionary).
    /// </summary>
    /// <param name="orderProperties">The order's properties (may hold <c>products</c>, which is left out).</param>
    /// <param name="productProperties">
    /// The product's properties: <see cref="OrderEvents.ProductProperties"/> (an ordinal dictionary) or a
    /// <see cref="ProductPropertiesView"/>.
    /// </param>
    public static ProductEventProperties? TryCreate(IReadOnlyDictionary<string, object?>? orderProperties, IReadOnlyDictionary<string, object?> productProperties)
    {
        bool ordinalProduct = productProperties is ProductPropertiesView || (productProperties is Dictionary<string, object?> product && OrdinalKeys.Of(product));
        if (!ordinalProduct)
        {
            return null;
        }

        return orderProperties switch
        {
            null => new ProductEventProperties(Empty, productProperties),
            Dictionary<string, object?> order when OrdinalKeys.Of(order) => new ProductEventProperties(order, productProperties),
            _ => null,
        };
    }

    /// <inheritdoc />
    public override bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_product.TryGetValue(key, out value))
        {
            return true;
        }

        if (key != OrderEvents.ProductsKey && _order.TryGetValue(key, out value))
        {
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public override IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        foreach (var (key, value) in _order)
        {
            if (key != OrderEvents.ProductsKey)
            {
                yield return new(key, _product.TryGetValue(key, out var productValue) ? productValue : value);
            }
        }

        foreach (var entry in _product)
        {
            if (!InOrder(entry.Key))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Whether the key is already written from the order's properties (which leave out <c>products</c>).</summary>
    private bool InOrder(string key) => key != OrderEvents.ProductsKey && _order.ContainsKey(key);
}
