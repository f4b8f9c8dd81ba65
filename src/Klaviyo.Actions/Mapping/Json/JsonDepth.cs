using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Json;

/// <summary>Measures JSON nesting without recursion limits getting in the way.</summary>
internal static class JsonDepth
{
    /// <summary>
    /// Scans UTF-8 JSON: <see langword="true"/> when it is valid and nests at most <paramref name="maxDepth"/>
    /// containers. <paramref name="tooDeep"/> tells the two failures apart.
    /// </summary>
    public static bool TryCheck(ReadOnlySpan<byte> utf8, int maxDepth, out bool tooDeep)
    {
        tooDeep = false;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    tooDeep = true;
                    return false;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether an element nests more than <paramref name="maxDepth"/> containers (stops early).</summary>
    public static bool Exceeds(JsonElement element, int maxDepth) => Exceeds(element, maxDepth, 0);

    private static bool Exceeds(JsonElement element, int maxDepth, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (depth >= maxDepth)
                {
                    return true;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (Exceeds(property.Value, maxDepth, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                if (depth >= maxDepth)
                {
                    return true;
                }

                foreach (var item in element.EnumerateArray())
                {
                    if (Exceeds(item, maxDepth, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
