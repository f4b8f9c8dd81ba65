using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Turns a Segment e-commerce product object into an <see cref="OrderProduct"/>. Known keys (Segment spec v1
/// and v2 spellings): <c>product_id</c>/<c>productId</c>/<c>id</c>, <c>sku</c>, <c>name</c>, <c>category</c>,
/// <c>brand</c>, <c>variant</c>, <c>price</c>, <c>quantity</c>, <c>url</c>/<c>productUrl</c>,
/// <c>image_url</c>/<c>imageUrl</c>. The first spelling present wins; every other key (including the unused
/// spellings) is kept in <see cref="OrderProduct.AdditionalProperties"/>. The product as sent (every key unchanged,
/// values uncoerced) is kept in <see cref="OrderProduct.SourceProperties"/>: the Ordered Product event sends that,
/// as Segment does; the typed fields only feed the event's unique id.
/// </summary>
internal static class ProductBinder
{
    // Every key Bind may read, by position; a bit per key records which ones it used (the rest go to AdditionalProperties).
    private static readonly string[] Keys =
        ["product_id", "productId", "id", "sku", "name", "category", "brand", "variant", "price", "quantity", "url", "productUrl", "image_url", "imageUrl"];

    private const int ProductId = 0;
    private const int ProductIdCount = 3;
    private const int Sku = 3;
    private const int Name = 4;
    private const int Category = 5;
    private const int Brand = 6;
    private const int Variant = 7;
    private const int Price = 8;
    private const int Quantity = 9;
    private const int Url = 10;
    private const int ImageUrl = 12;

    public static IReadOnlyList<OrderProduct> BindAll(PayloadReader reader, IReadOnlyList<JsonObject> products)
    {
        var result = new List<OrderProduct>(products.Count);
        for (int i = 0; i < products.Count; i++)
        {
            result.Add(Bind(reader, products[i], i));
        }

        return result;
    }

    /// <summary>
    /// Binds products straight from the event's array when it has nothing for empty-value removal to change (every
    /// item an object, no item key null or ""): the same products, extra keys and errors as <see cref="BindAll"/>
    /// over the cleaned nodes, without the node tree.
    /// </summary>
    /// <returns>Whether the products were bound; otherwise use <see cref="BindAll"/> over <see cref="PayloadReader.ObjectArray"/>.</returns>
    public static bool TryBindAll(PayloadReader reader, JsonElement products, out IReadOnlyList<OrderProduct>? bound)
    {
        bound = null;
        if (products.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in products.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in item.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Null ||
                    (property.Value.ValueKind == JsonValueKind.String && property.Value.ValueEquals(ReadOnlySpan<byte>.Empty)))
                {
                    return false;
                }
            }
        }

        var result = new List<OrderProduct>(products.GetArrayLength());
        int index = 0;
        foreach (var item in products.EnumerateArray())
        {
            result.Add(Bind(reader, item, index++));
        }

        bound = result;
        return true;
    }

    private static OrderProduct Bind(PayloadReader reader, JsonElement product, int index)
    {
        // The last value of each known key, as the node tree keeps it.
        var known = default(KnownValues);
        foreach (var property in product.EnumerateObject())
        {
            int k = KeyIndex(property);
            if (k >= 0)
            {
                known[k] = property.Value;
            }
        }

        int used = 0;
        var bound = new OrderProduct
        {
            ProductId = Text(reader, known, index, ProductId, ProductIdCount, ref used),
            Sku = Text(reader, known, index, Sku, 1, ref used),
            Name = Text(reader, known, index, Name, 1, ref used),
            Category = Text(reader, known, index, Category, 1, ref used),
            Brand = Text(reader, known, index, Brand, 1, ref used),
            Variant = Text(reader, known, index, Variant, 1, ref used),
            Price = Number(reader, known, index, Price, ref used),
            Quantity = Number(reader, known, index, Quantity, ref used),
            Url = Text(reader, known, index, Url, 2, ref used),
            ImageUrl = Text(reader, known, index, ImageUrl, 2, ref used),
        };

        Dictionary<string, object?>? extra = null;
        var source = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in product.EnumerateObject())
        {
            object? value = EmptyValueRemover.FreeFormClr(property.Value);
            source[property.Name] = value;
            int k = KeyIndex(property);
            if (k < 0 || (used & (1 << k)) == 0)
            {
                (extra ??= new Dictionary<string, object?>(StringComparer.Ordinal))[property.Name] = value;
            }
        }

        return bound with { AdditionalProperties = extra, SourceProperties = source };
    }

    private static string? Text(PayloadReader reader, in KnownValues known, int index, int first, int count, ref int used)
    {
        for (int k = first; k < first + count; k++)
        {
            var value = known[k];
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                continue;
            }

            used |= 1 << k;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return JsonNodes.JsString(JsonNodes.FromElement(value));
                default:
                    reader.AddError($"{PathOf(index)}.{Keys[k]}", "type", $"Product {Keys[k]} must be a string but it was {PayloadReader.Describe(value.ValueKind)}.");
                    return null;
            }
        }

        return null;
    }

    private static decimal? Number(PayloadReader reader, in KnownValues known, int index, int keyIndex, ref int used)
    {
        var value = known[keyIndex];
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        used |= 1 << keyIndex;
        if ((value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal number)) ||
            (value.ValueKind == JsonValueKind.String && PayloadReader.TryParseNumber(value.GetString()!, out number)))
        {
            return number;
        }

        string key = Keys[keyIndex];
        reader.AddError($"{PathOf(index)}.{key}", "type", $"Product {key} must be a number but it was {PayloadReader.Describe(value.ValueKind)}.");
        return null;
    }

    private static int KeyIndex(JsonProperty property)
    {
        for (int k = 0; k < Keys.Length; k++)
        {
            if (property.NameEquals(Keys[k]))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>One element per entry of <see cref="Keys"/>, on the stack.</summary>
    [System.Runtime.CompilerServices.InlineArray(14)]
    private struct KnownValues
    {
        private JsonElement _element;
    }

    private static OrderProduct Bind(PayloadReader reader, JsonObject product, int index)
    {
        int used = 0;
        var bound = new OrderProduct
        {
            ProductId = Text(reader, product, index, ProductId, ProductIdCount, ref used),
            Sku = Text(reader, product, index, Sku, 1, ref used),
            Name = Text(reader, product, index, Name, 1, ref used),
            Category = Text(reader, product, index, Category, 1, ref used),
            Brand = Text(reader, product, index, Brand, 1, ref used),
            Variant = Text(reader, product, index, Variant, 1, ref used),
            Price = Number(reader, product, index, Price, ref used),
            Quantity = Number(reader, product, index, Quantity, ref used),
            Url = Text(reader, product, index, Url, 2, ref used),
            ImageUrl = Text(reader, product, index, ImageUrl, 2, ref used),
        };

        Dictionary<string, object?>? extra = null;
        var source = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, node) in product)
        {
            object? value = JsonNodes.ToClr(node);
            source[key] = value;
            if (!IsUsed(key, used))
            {
                (extra ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
            }
        }

        return bound with { AdditionalProperties = extra, SourceProperties = source };
    }

    /// <summary>The first of <paramref name="count"/> keys from <paramref name="first"/> that holds a value, as text.</summary>
    private static string? Text(PayloadReader reader, JsonObject product, int index, int first, int count, ref int used)
    {
        for (int k = first; k < first + count; k++)
        {
            string key = Keys[k];
            if (product.TryGetPropertyValue(key, out var node) && node is not null)
            {
                used |= 1 << k;
                switch (JsonNodes.KindOf(node))
                {
                    case JsonValueKind.String:
                    case JsonValueKind.Number:
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                        return JsonNodes.JsString(node);
                    default:
                        reader.AddError($"{PathOf(index)}.{key}", "type", $"Product {key} must be a string but it was {PayloadReader.Describe(node)}.");
                        return null;
                }
            }
        }

        return null;
    }

    private static decimal? Number(PayloadReader reader, JsonObject product, int index, int keyIndex, ref int used)
    {
        string key = Keys[keyIndex];
        if (!product.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        used |= 1 << keyIndex;
        if (JsonNodes.TryGetDecimal(node, out decimal value) ||
            (JsonNodes.TryGetString(node, out string text) && PayloadReader.TryParseNumber(text, out value)))
        {
            return value;
        }

        reader.AddError($"{PathOf(index)}.{key}", "type", $"Product {key} must be a number but it was {PayloadReader.Describe(node)}.");
        return null;
    }

    private static bool IsUsed(string key, int used)
    {
        for (int k = 0; k < Keys.Length; k++)
        {
            if ((used & (1 << k)) != 0 && string.Equals(Keys[k], key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string PathOf(int index) => $"products[{index}]";
}
