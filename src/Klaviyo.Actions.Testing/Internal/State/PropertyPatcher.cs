using System.Buffers;
using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>Applies <c>meta.patch_properties</c> (<c>append</c>, <c>unappend</c>, <c>unset</c>) to custom properties.</summary>
internal static class PropertyPatcher
{
    public static void Apply(Dictionary<string, JsonElement> properties, JsonElement patch)
    {
        if (patch.TryGetProperty("append", out var append) && append.ValueKind == JsonValueKind.Object)
        {
            foreach (var item in append.EnumerateObject())
            {
                var values = Items(properties.GetValueOrDefault(item.Name));
                values.AddRange(Items(item.Value));
                properties[item.Name] = ToArray(values);
            }
        }

        if (patch.TryGetProperty("unappend", out var unappend) && unappend.ValueKind == JsonValueKind.Object)
        {
            foreach (var item in unappend.EnumerateObject())
            {
                if (properties.TryGetValue(item.Name, out var existing) && existing.ValueKind == JsonValueKind.Array)
                {
                    var removed = Items(item.Value).Select(value => value.GetRawText()).ToHashSet(StringComparer.Ordinal);
                    properties[item.Name] = ToArray(Items(existing).Where(value => !removed.Contains(value.GetRawText())).ToList());
                }
            }
        }

        if (patch.TryGetProperty("unset", out var unset))
        {
            if (unset.ValueKind == JsonValueKind.String)
            {
                properties.Remove(unset.GetString()!);
            }
            else if (unset.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in unset.EnumerateArray())
                {
                    properties.Remove(name.GetString()!);
                }
            }
        }
    }

    private static List<JsonElement> Items(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => [],
        JsonValueKind.Array => [.. value.EnumerateArray()],
        _ => [value],
    };

    private static JsonElement ToArray(List<JsonElement> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                value.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
