using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Json;

/// <summary>
/// Segment's path look-up (<c>get</c> in actions-core), used by <c>@path</c>, <c>@arrayPath</c>,
/// <c>@template</c> placeholders and triggers: dot notation with optional brackets
/// (<c>traits.email</c>, <c>properties.products[0].sku</c>, <c>properties["Order Id"]</c>).
/// </summary>
internal static class SegmentPath
{
    /// <summary>
    /// Splits a path into keys. Like Segment, <c>@path</c> callers strip the first <c>$.</c> before calling.
    /// An empty path or <c>.</c> addresses the root (an empty key list).
    /// </summary>
    public static IReadOnlyList<string> Split(string path)
    {
        if (path.Length == 0 || path == ".")
        {
            return [];
        }

        var keys = new List<string>();
        var current = new StringBuilder();
        int i = 0;
        while (i < path.Length)
        {
            char c = path[i];
            if (c == '.')
            {
                Flush(keys, current);
                i++;
            }
            else if (c == '[')
            {
                Flush(keys, current);
                i = ReadBracket(path, i + 1, keys);
            }
            else if (c == ']')
            {
                Flush(keys, current);
                i++;
            }
            else
            {
                current.Append(c);
                i++;
            }
        }

        Flush(keys, current);
        return keys;
    }

    /// <summary>Removes the first <c>$.</c>, as Segment's <c>path.replace('$.', '')</c> does.</summary>
    public static string StripRoot(string path)
    {
        int index = path.IndexOf("$.", StringComparison.Ordinal);
        return index < 0 ? path : string.Concat(path.AsSpan(0, index), path.AsSpan(index + 2));
    }

    /// <summary>
    /// Looks a path up. Returns <see langword="false"/> (JavaScript <c>undefined</c>) when a key is missing
    /// or an intermediate value is not an object or array. A JSON <c>null</c> met on the way is the result,
    /// as in Segment (<c>prev &amp;&amp; prev[key]</c> stops at the null).
    /// </summary>
    public static bool TryGet(JsonElement root, IReadOnlyList<string> keys, out JsonElement value)
    {
        value = root;
        for (int k = 0; k < keys.Count; k++)
        {
            string key = keys[k];
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return true;
                case JsonValueKind.Object:
                    if (!TryGetLastProperty(value, key, out value))
                    {
                        return false;
                    }

                    break;
                case JsonValueKind.Array:
                    if (!TryParseIndex(key, out int index) || index >= value.GetArrayLength())
                    {
                        return false;
                    }

                    value = value[index];
                    break;
                default:
                    return false;
            }
        }

        return value.ValueKind != JsonValueKind.Undefined;
    }

    /// <summary>Looks a path string up (no <c>$.</c> stripping).</summary>
    public static bool TryGet(JsonElement root, string path, out JsonElement value) => TryGet(root, Split(path), out value);

    private static bool TryGetLastProperty(JsonElement obj, string key, out JsonElement value)
    {
        // JavaScript keeps the last of duplicate keys; JsonElement.TryGetProperty does not promise which.
        bool found = false;
        value = default;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(key))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    private static bool TryParseIndex(string key, out int index)
    {
        index = 0;
        if (key.Length == 0 || key.Length > 9 || (key.Length > 1 && key[0] == '0'))
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static int ReadBracket(string path, int i, List<string> keys)
    {
        if (i < path.Length && (path[i] == '"' || path[i] == '\''))
        {
            char quote = path[i];
            int end = path.IndexOf(quote, i + 1);
            if (end >= 0)
            {
                keys.Add(path.Substring(i + 1, end - i - 1));
                int close = path.IndexOf(']', end + 1);
                return close < 0 ? path.Length : close + 1;
            }
        }

        int closing = path.IndexOf(']', i);
        string inner = closing < 0 ? path[i..] : path[i..closing];
        if (inner.Length > 0)
        {
            keys.Add(inner);
        }

        return closing < 0 ? path.Length : closing + 1;
    }

    private static void Flush(List<string> keys, StringBuilder current)
    {
        if (current.Length > 0)
        {
            keys.Add(current.ToString());
            current.Clear();
        }
    }
}
