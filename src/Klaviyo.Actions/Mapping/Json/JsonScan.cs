using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Mapping.Json;

/// <summary>
/// Finds why UTF-8 JSON cannot be read as an event (duplicate keys, invalid Unicode, too much nesting, not JSON) and
/// where. It reads every string, so it runs only when the single strict parse failed or cannot tell (see
/// <see cref="NeedsFullCheck"/>); readable input never pays for it.
/// </summary>
internal static class JsonScan
{
    /// <summary>Rule: not valid JSON.</summary>
    public const string InvalidJson = "json";

    /// <summary>Rule: nested deeper than the limit.</summary>
    public const string MaxDepth = "max_depth";

    /// <summary>Rule: an object names the same property twice.</summary>
    public const string DuplicateKey = "duplicate_key";

    /// <summary>Rule: a string is not valid Unicode (a lone surrogate escape, invalid UTF-8 bytes).</summary>
    public const string InvalidUnicode = "invalid_unicode";

    /// <summary>The longest path a problem names; deeper paths keep their start.</summary>
    private const int MaxPathLength = 160;

    /// <summary>
    /// Whether the strict parse could accept <paramref name="utf8"/> although it is not valid Unicode: bytes that are
    /// not UTF-8, or an escape of a surrogate (<c>\uD800</c>–<c>\uDFFF</c>, which a paired emoji escape also is). Both
    /// checks are vectorized searches; only their hits pay for <see cref="Check"/>.
    /// </summary>
    public static bool NeedsFullCheck(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return true;
        }

        int at;
        while ((at = utf8.IndexOf("\\u"u8)) >= 0)
        {
            utf8 = utf8[(at + 2)..];
            if (utf8.Length >= 2 && (utf8[0] | 0x20) == 'd' && utf8[1] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Scans <paramref name="utf8"/>: null when it is readable, otherwise the rule it breaks and where.</summary>
    public static JsonProblem? Check(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        NextItem(frames);
                        if (reader.CurrentDepth >= maxDepth)
                        {
                            return new JsonProblem(MaxDepth, frames.Count == 0 ? "$" : PathOf(frames, 1));
                        }

                        frames.Add(reader.TokenType == JsonTokenType.StartObject ? Frame.Object() : Frame.Array());
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        if (!TryGetString(ref reader, out string? name))
                        {
                            frame.Key = null;
                            return new JsonProblem(InvalidUnicode, PathOf(frames, frames.Count, "<invalid key>"));
                        }

                        frame.Key = name;
                        if (!frame.Names!.Add(name!))
                        {
                            return new JsonProblem(DuplicateKey, PathOf(frames, frames.Count));
                        }

                        break;
                    case JsonTokenType.String:
                        NextItem(frames);
                        if (!TryGetString(ref reader, out _))
                        {
                            return new JsonProblem(InvalidUnicode, PathOf(frames, frames.Count));
                        }

                        break;
                    default:
                        NextItem(frames);
                        break;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return new JsonProblem(InvalidJson, "$");
        }
    }

    /// <summary>
    /// Reads the first top-level string property <paramref name="name"/> of a JSON object leniently: the rest of the
    /// text may be invalid. Null when there is none or it cannot be read.
    /// </summary>
    public static string? TryReadTopLevelString(ReadOnlySpan<byte> utf8, string name)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(name);
                if (!reader.Read())
                {
                    return null;
                }

                if (match)
                {
                    return reader.TokenType == JsonTokenType.String && TryGetString(ref reader, out string? value) ? value : null;
                }

                if (!reader.TrySkip())
                {
                    return null;
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>A value starts: in an array, it is the next item.</summary>
    private static void NextItem(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].Names is null)
        {
            frames[^1].Index++;
        }
    }

    /// <summary>
    /// The path of the current value through the first <paramref name="levels"/> containers (<c>properties.items[2].sku</c>),
    /// keys that look like an email or phone number redacted, then <paramref name="last"/> if given.
    /// </summary>
    private static string PathOf(List<Frame> frames, int levels, string? last = null)
    {
        var path = new StringBuilder();
        for (int i = 0; i < levels && i < frames.Count && path.Length <= MaxPathLength; i++)
        {
            var frame = frames[i];
            if (frame.Names is null)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Key is not null)
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(ValuePath.Segment(frame.Key));
            }
        }

        if (last is not null && path.Length <= MaxPathLength)
        {
            path.Append(path.Length > 0 ? "." : string.Empty).Append(last);
        }

        if (path.Length > MaxPathLength)
        {
            path.Length = MaxPathLength;
            path.Append('…');
        }

        return path.Length == 0 ? "$" : path.ToString();
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string? value)
    {
        try
        {
            value = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>An open object (its keys so far and the current one) or array (the current item's index).</summary>
    private sealed class Frame
    {
        public HashSet<string>? Names { get; private init; }

        public string? Key { get; set; }

        public int Index { get; set; } = -1;

        public static Frame Object() => new() { Names = new HashSet<string>(StringComparer.Ordinal) };

        public static Frame Array() => new();
    }
}
