using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Mapping.Json;

/// <summary>
/// Checks a JSON node tree for what an event may not hold before it is written out: keys and strings that are not
/// valid Unicode (a lone surrogate), an object that could not be built because it names a key twice, nesting deeper
/// than <see cref="SegmentEvent.MaxDepth"/>. Each problem names its path.
/// </summary>
internal static class JsonNodeCheck
{
    /// <summary>Null when <paramref name="node"/> can be written as an event; otherwise the rule it breaks and where.</summary>
    public static JsonProblem? Check(JsonNode node) => Check(node, string.Empty, 0);

    /// <summary>The node as UTF-8 JSON (after <see cref="Check(JsonNode)"/> passed).</summary>
    public static ReadOnlyMemory<byte> ToUtf8(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = SegmentEvent.MaxDepth + 1 }))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }

    private static JsonProblem? Check(JsonNode? node, string path, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                if (depth >= SegmentEvent.MaxDepth)
                {
                    return new JsonProblem(JsonScan.MaxDepth, TopLevel(path));
                }

                List<KeyValuePair<string, JsonNode?>> members;
                try
                {
                    // A node parsed from text builds its members on first use; a key given twice fails that.
                    members = [.. obj];
                }
                catch (ArgumentException)
                {
                    return new JsonProblem(JsonScan.DuplicateKey, Root(path));
                }

                foreach (var (key, value) in members)
                {
                    string child = path.Length == 0 ? ValuePath.Segment(key) : path + "." + ValuePath.Segment(key);
                    if (!ValueRules.IsValidUnicode(key))
                    {
                        return new JsonProblem(JsonScan.InvalidUnicode, path.Length == 0 ? "<invalid key>" : path + ".<invalid key>");
                    }

                    if (Check(value, child, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonArray array:
                if (depth >= SegmentEvent.MaxDepth)
                {
                    return new JsonProblem(JsonScan.MaxDepth, TopLevel(path));
                }

                for (int i = 0; i < array.Count; i++)
                {
                    if (Check(array[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                string? text;
                try
                {
                    text = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    // Text parsed from an escaped lone surrogate cannot be decoded.
                    text = null;
                }

                return text is not null && ValueRules.IsValidUnicode(text) ? null : new JsonProblem(JsonScan.InvalidUnicode, Root(path));
            default:
                return null;
        }
    }

    private static string Root(string path) => path.Length == 0 ? "$" : path;

    private static string TopLevel(string path)
    {
        int end = path.IndexOfAny(['.', '[']);
        return path.Length == 0 ? "$" : end <= 0 ? path : path[..end];
    }
}
