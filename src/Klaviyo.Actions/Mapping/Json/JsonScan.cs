using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Json;

/// <summary>
/// Checks UTF-8 JSON before it is read into a document or node, so that input those cannot hold (duplicate keys,
/// invalid Unicode, too much nesting) becomes a rule instead of an exception further on.
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

    /// <summary>
    /// Scans <paramref name="utf8"/>: null when it is valid, otherwise the rule it breaks. Duplicate keys are only a
    /// rule when <paramref name="rejectDuplicates"/> (events read a repeated key's later value).
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> utf8, int maxDepth, bool rejectDuplicates = false)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });
        var names = new List<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= maxDepth)
                        {
                            return MaxDepth;
                        }

                        names.Add(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        names.RemoveAt(names.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        if (!TryGetString(ref reader, out string? name))
                        {
                            return InvalidUnicode;
                        }

                        if (rejectDuplicates && !names[^1]!.Add(name!))
                        {
                            return DuplicateKey;
                        }

                        break;
                    case JsonTokenType.String:
                        if (!TryGetString(ref reader, out _))
                        {
                            return InvalidUnicode;
                        }

                        break;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return InvalidJson;
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
}
