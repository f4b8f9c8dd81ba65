using System.Diagnostics.CodeAnalysis;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// A product's properties as a read-only view over the <see cref="OrderProduct"/>, without copying them into a
/// dictionary: the same keys, values and key order as <see cref="OrderEvents.ProductProperties"/> builds (the
/// additional properties, a typed field that is set taking the additional key's position, then the other typed
/// fields that are set, in the order <c>product_id, sku, name, category, brand, variant, price, quantity, url,
/// image_url</c>). Built only when the additional properties are absent or a dictionary with ordinal key look-up
/// (<see cref="TryCreate"/>); a number is boxed when it is read.
/// </summary>
internal sealed class ProductPropertiesView : ReadOnlyPropertiesView
{
    private static readonly string[] TypedKeys = ["product_id", "sku", "name", "category", "brand", "variant", "price", "quantity", "url", "image_url"];

    private readonly OrderProduct _product;
    private readonly Dictionary<string, object?>? _additional;

    private ProductPropertiesView(OrderProduct product, Dictionary<string, object?>? additional)
    {
        _product = product;
        _additional = additional;
        int count = additional?.Count ?? 0;
        for (int i = 0; i < TypedKeys.Length; i++)
        {
            count += IsSet(i) && !InAdditional(TypedKeys[i]) ? 1 : 0;
        }

        Count = count;
    }

    /// <inheritdoc />
    public override int Count { get; }

    /// <inheritdoc />
    protected override string Description => "the product's properties";

    /// <summary>The view, or <see langword="null"/> when the additional properties are not an ordinal dictionary.</summary>
    /// <param name="product">The product (never changed afterwards).</param>
    public static ProductPropertiesView? TryCreate(OrderProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return product.AdditionalProperties switch
        {
            null => new ProductPropertiesView(product, null),
            Dictionary<string, object?> additional when OrdinalKeys.Of(additional) => new ProductPropertiesView(product, additional),
            _ => null,
        };
    }

    /// <inheritdoc />
    public override bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        int typed = Array.IndexOf(TypedKeys, key);
        if (typed >= 0 && IsSet(typed))
        {
            value = Typed(typed);
            return true;
        }

        if (_additional is not null && _additional.TryGetValue(key, out value))
        {
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public override IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        if (_additional is not null)
        {
            foreach (var (key, value) in _additional)
            {
                int typed = Array.IndexOf(TypedKeys, key);
                yield return new(key, typed >= 0 && IsSet(typed) ? Typed(typed) : value);
            }
        }

        for (int i = 0; i < TypedKeys.Length; i++)
        {
            if (IsSet(i) && !InAdditional(TypedKeys[i]))
            {
                yield return new(TypedKeys[i], Typed(i));
            }
        }
    }

    private bool InAdditional(string key) => _additional is not null && _additional.ContainsKey(key);

    private bool IsSet(int index) => index switch
    {
        0 => _product.ProductId is not null,
        1 => _product.Sku is not null,
        2 => _product.Name is not null,
        3 => _product.Category is not null,
        4 => _product.Brand is not null,
        5 => _product.Variant is not null,
        6 => _product.Price.HasValue,
        7 => _product.Quantity.HasValue,
        8 => _product.Url is not null,
        _ => _product.ImageUrl is not null,
    };

    private object? Typed(int index) => index switch
    {
        0 => _product.ProductId,
        1 => _product.Sku,
        2 => _product.Name,
        3 => _product.Category,
        4 => _product.Brand,
        5 => _product.Variant,
        6 => _product.Price,
        7 => _product.Quantity,
        8 => _product.Url,
        _ => _product.ImageUrl,
    };
}
