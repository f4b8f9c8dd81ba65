using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Turns a Segment e-commerce product object into an <see cref="OrderProduct"/>. Known keys (Segment spec v1
/// and v2 spellings): <c>product_id</c>/<c>productId</c>/<c>id</c>, <c>sku</c>, <c>name</c>, <c>category</c>,
/// <c>brand</c>, <c>variant</c>, <c>price</c>, <c>quantity</c>, <c>url</c>/<c>productUrl</c>,
/// <c>image_url</c>/<c>imageUrl</c>. The first spelling present wins; every other key (including the unused
/// spellings) is kept in <see cref="OrderProduct.AdditionalProperties"/>.
/// </summary>
internal static class ProductBinder
{
    private static readonly string[] IdKeys = ["product_id", "productId", "id"];
    private static readonly string[] UrlKeys = ["url", "productUrl"];
    private static readonly string[] ImageKeys = ["image_url", "imageUrl"];

    /// <summary>Binds every product; problems are reported as <c>products[i].key</c>.</summary>
    public static IReadOnlyList<OrderProduct> BindAll(PayloadReader reader, IReadOnlyList<JsonObject> products)
    {
        var result = new List<OrderProduct>(products.Count);
        for (int i = 0; i < products.Count; i++)
        {
            result.Add(Bind(reader, products[i], $"products[{i}]"));
        }

        return result;
    }

    private static OrderProduct Bind(PayloadReader reader, JsonObject product, string path)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        string? Text(params string[] keys)
        {
            foreach (string key in keys)
            {
                if (product.TryGetPropertyValue(key, out var node) && node is not null)
                {
                    used.Add(key);
                    switch (JsonNodes.KindOf(node))
                    {
                        case JsonValueKind.String:
                        case JsonValueKind.Number:
                        case JsonValueKind.True:
                        case JsonValueKind.False:
                            return JsonNodes.JsString(node);
                        default:
                            reader.AddError($"{path}.{key}", "type", $"Product {key} must be a string but it was {PayloadReader.Describe(node)}.");
                            return null;
                    }
                }
            }

            return null;
        }

        decimal? Number(string key)
        {
            if (!product.TryGetPropertyValue(key, out var node) || node is null)
            {
                return null;
            }

            used.Add(key);
            if (JsonNodes.TryGetDecimal(node, out decimal value) ||
                (JsonNodes.TryGetString(node, out string text) && PayloadReader.TryParseNumber(text, out value)))
            {
                return value;
            }

            reader.AddError($"{path}.{key}", "type", $"Product {key} must be a number but it was {PayloadReader.Describe(node)}.");
            return null;
        }

        var bound = new OrderProduct
        {
            ProductId = Text(IdKeys),
            Sku = Text("sku"),
            Name = Text("name"),
            Category = Text("category"),
            Brand = Text("brand"),
            Variant = Text("variant"),
            Price = Number("price"),
            Quantity = Number("quantity"),
            Url = Text(UrlKeys),
            ImageUrl = Text(ImageKeys),
        };

        var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in product)
        {
            if (!used.Contains(key))
            {
                extra[key] = JsonNodes.ToClr(value);
            }
        }

        return extra.Count == 0 ? bound : bound with { AdditionalProperties = extra };
    }
}
