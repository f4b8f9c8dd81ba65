using System.Text;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.Validation;
using Klaviyo.Actions.Testing.Internal.State;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>
/// Parses Klaviyo's <c>filter</c> parameter in the two forms the emulator supports: <c>equals(field,"value")</c> and
/// <c>any(field,["a","b"])</c>. Strings are double-quoted with backslash escapes.
/// </summary>
internal static class FilterParser
{
    /// <summary>Most values the emulator accepts in one <c>any()</c> (Klaviyo does not document its limit).</summary>
    public const int MaxValues = 100;

    public static JsonApiError? Parse(string? text, NameSet fields, out FieldFilter? filter)
    {
        filter = null;
        if (text is null)
        {
            return null;
        }

        var source = text.AsSpan().Trim();
        int open = source.IndexOf('(');
        if (open <= 0 || source[^1] != ')')
        {
            return Invalid($"Invalid filter '{text}'. Expected equals(field,\"value\") or any(field,[\"a\",\"b\"]).");
        }

        string operation = source[..open].Trim().ToString();
        var inner = source[(open + 1)..^1];
        int comma = inner.IndexOf(',');
        if (comma < 0)
        {
            return Invalid($"Invalid filter '{text}'.");
        }

        string field = inner[..comma].Trim().ToString();
        if (!fields.Contains(field))
        {
            return Invalid($"'{field}' is not a valid filter field here. Valid fields: {string.Join(", ", fields)}.");
        }

        var rest = inner[(comma + 1)..].Trim();
        var values = new List<string>();
        switch (operation)
        {
            case "equals":
                int position = 0;
                if (!TryReadString(rest, ref position, out string? value) || position != rest.Length)
                {
                    return Invalid($"Invalid filter '{text}': equals() takes one double-quoted string.");
                }

                values.Add(value);
                break;
            case "any":
                if (!TryReadList(rest, values))
                {
                    return Invalid($"Invalid filter '{text}': any() takes a list of double-quoted strings such as [\"a\",\"b\"].");
                }

                if (values.Count == 0 || values.Count > MaxValues)
                {
                    return Invalid($"any() takes between 1 and {MaxValues} values; got {values.Count}.");
                }

                break;
            default:
                return Invalid($"'{operation}' is not a supported filter operation here (supported: equals, any).");
        }

        filter = new FieldFilter(field, values);
        return null;
    }

    private static JsonApiError Invalid(string detail) => ApiErrors.InvalidParameter("filter", detail);

    private static bool TryReadList(ReadOnlySpan<char> text, List<string> values)
    {
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return false;
        }

        var items = text[1..^1];
        int position = 0;
        SkipSpaces(items, ref position);
        if (position == items.Length)
        {
            return true;
        }

        while (true)
        {
            if (!TryReadString(items, ref position, out string? value))
            {
                return false;
            }

            values.Add(value);
            SkipSpaces(items, ref position);
            if (position == items.Length)
            {
                return true;
            }

            if (items[position] != ',')
            {
                return false;
            }

            position++;
            SkipSpaces(items, ref position);
        }
    }

    private static bool TryReadString(ReadOnlySpan<char> text, ref int position, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = null;
        if (position >= text.Length || text[position] != '"')
        {
            return false;
        }

        var builder = new StringBuilder();
        for (int i = position + 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                builder.Append(text[++i]);
            }
            else if (c == '"')
            {
                position = i + 1;
                value = builder.ToString();
                return true;
            }
            else
            {
                builder.Append(c);
            }
        }

        return false;
    }

    private static void SkipSpaces(ReadOnlySpan<char> text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}
