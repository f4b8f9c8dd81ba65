using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Operations;

/// <summary>
/// Deterministic event <c>unique_id</c>s: the same request always yields the same id, so a retried call is
/// deduplicated by Klaviyo, and any change to the event yields a new id. Ids are the lowercase hex SHA-256
/// (64 characters) of a canonical JSON form of the event.
/// </summary>
internal static class EventUniqueIds
{
    /// <summary>Klaviyo's maximum <c>unique_id</c> length.</summary>
    public const int MaxLength = 255;

    private const int FormatVersion = 1;

    /// <summary>Derives an event id from what identifies the event.</summary>
    /// <param name="metricName">The metric name.</param>
    /// <param name="profile">The profile; only its identifiers count.</param>
    /// <param name="time">The time as sent (<see cref="Api.KlaviyoTime.ToWire"/>).</param>
    /// <param name="value">The value.</param>
    /// <param name="valueCurrency">The currency.</param>
    /// <param name="properties">The properties (keys sorted, decimals normalized).</param>
    /// <param name="action">The action named by a validation error for an unsupported property value.</param>
    public static string Derive(
        string metricName,
        EventProfile profile,
        string time,
        decimal? value,
        string? valueCurrency,
        IReadOnlyDictionary<string, object?> properties,
        string action)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteString("metric", metricName);
            writer.WriteStartObject("profile");
            writer.WriteString("email", NullIfEmpty(profile.Email));
            writer.WriteString("phone_number", NullIfEmpty(profile.PhoneNumber));
            writer.WriteString("external_id", NullIfEmpty(profile.ExternalId));
            writer.WriteString("anonymous_id", NullIfEmpty(profile.AnonymousId));
            writer.WriteEndObject();
            writer.WriteString("time", time);
            if (value is { } amount)
            {
                writer.WritePropertyName("value");
                KlaviyoValueWriter.WriteValue(writer, amount, "value", parentDepth: 1, canonical: true);
            }
            else
            {
                writer.WriteNull("value");
            }

            writer.WriteString("value_currency", valueCurrency);
            writer.WritePropertyName("properties");
            try
            {
                KlaviyoValueWriter.WriteObject(writer, properties, "properties", canonical: true);
            }
            catch (WireValueException ex)
            {
                throw new KlaviyoValidationException(action, [ex.ToError()]);
            }

            writer.WriteEndObject();
        }

        return Hash(buffer.WrittenSpan);
    }

    /// <summary>
    /// The ids of an order's product events: <c>{orderId}:{product id ?? sku ?? #index}</c>, with <c>:2</c>,
    /// <c>:3</c>… added to repeats within the order, and hashed when longer than <see cref="MaxLength"/>.
    /// Never random, so a retried order sends the same product ids (Segment uses a new uuid each time).
    /// </summary>
    /// <param name="orderUniqueId">The order event's id.</param>
    /// <param name="products">The products, in order.</param>
    public static IReadOnlyList<string> ForProducts(string orderUniqueId, IReadOnlyList<OrderProduct> products)
    {
        var ids = new List<string>(products.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < products.Count; index++)
        {
            var product = products[index];
            string key = !string.IsNullOrEmpty(product.ProductId) ? product.ProductId
                : !string.IsNullOrEmpty(product.Sku) ? product.Sku
                : "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string baseId = orderUniqueId + ":" + key;
            string id = Shorten(baseId);
            for (int repeat = 2; !used.Add(id); repeat++)
            {
                id = Shorten(baseId + ":" + repeat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            ids.Add(id);
        }

        return ids;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Shorten(string id) => id.Length <= MaxLength ? id : Hash(Encoding.UTF8.GetBytes(id));

    private static string Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return LowerHex(hash);
    }

    private static string LowerHex(ReadOnlySpan<byte> bytes)
    {
        const string digits = "0123456789abcdef";
        Span<char> chars = stackalloc char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
