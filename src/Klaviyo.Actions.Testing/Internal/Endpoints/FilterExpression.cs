using System.Text;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>A filter operation of Klaviyo's JSON:API filter syntax.</summary>
internal enum FilterOperation
{
    Equals,
    Any,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}

/// <summary>One condition: <c>equals(field,"v")</c>, <c>any(field,["a","b"])</c>, or a datetime comparison.</summary>
internal sealed record FilterCondition(FilterOperation Operation, string Field, IReadOnlyList<string> Values, DateTimeOffset Time)
{
    /// <summary>Whether <paramref name="value"/> (already truncated as the field is compared) passes a datetime comparison.</summary>
    public bool Accepts(DateTimeOffset value) => Operation switch
    {
        FilterOperation.GreaterThan => value > Time,
        FilterOperation.GreaterOrEqual => value >= Time,
        FilterOperation.LessThan => value < Time,
        FilterOperation.LessOrEqual => value <= Time,
        _ => true,
    };
}

/// <summary>
/// Parses Klaviyo's <c>filter</c> parameter with several conditions: comma-separated at the top level or inside
/// <c>and(…)</c>, each one of <c>equals</c>, <c>any</c>, <c>greater-than</c>, <c>greater-or-equal</c>, <c>less-than</c>,
/// <c>less-or-equal</c>. Strings are double-quoted with backslash escapes; datetimes are unquoted ISO 8601, as Klaviyo
/// documents (a quoted datetime is refused, as Klaviyo does). Each endpoint lists the fields and operations it allows.
/// </summary>
internal static class FilterExpression
{
    private static readonly Dictionary<string, FilterOperation> Operations = new(StringComparer.Ordinal)
    {
        ["equals"] = FilterOperation.Equals,
        ["any"] = FilterOperation.Any,
        ["greater-than"] = FilterOperation.GreaterThan,
        ["greater-or-equal"] = FilterOperation.GreaterOrEqual,
        ["less-than"] = FilterOperation.LessThan,
        ["less-or-equal"] = FilterOperation.LessOrEqual,
    };

    /// <summary>Parses <paramref name="text"/>; <paramref name="allowed"/> maps each filterable field to its operations.</summary>
    public static JsonApiError? Parse(string? text, IReadOnlyDictionary<string, FilterOperation[]> allowed, out List<FilterCondition> conditions)
    {
        conditions = [];
        if (text is null)
        {
            return null;
        }

        var parts = SplitTopLevel(text.Trim());
        if (parts is null || parts.Count == 0)
        {
            return Invalid($"Invalid filter provided. Verify your parentheses match: '{text}'.");
        }

        if (parts.Count == 1 && parts[0].StartsWith("and(", StringComparison.Ordinal) && parts[0].EndsWith(')'))
        {
            parts = SplitTopLevel(parts[0][4..^1]);
            if (parts is null || parts.Count == 0)
            {
                return Invalid($"Invalid filter provided: and() needs conditions: '{text}'.");
            }
        }

        foreach (string part in parts)
        {
            if (ParseCondition(part, allowed, out var condition) is { } error)
            {
                return error;
            }

            conditions.Add(condition!);
        }

        return null;
    }

    private static JsonApiError? ParseCondition(string text, IReadOnlyDictionary<string, FilterOperation[]> allowed, out FilterCondition? condition)
    {
        condition = null;
        int open = text.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || text[^1] != ')')
        {
            return Invalid($"Invalid filter '{text}'. Expected operation(field,value).");
        }

        string name = text[..open].Trim();
        if (!Operations.TryGetValue(name, out var operation))
        {
            return Invalid($"'{name}' is not a supported filter operation here.");
        }

        string inner = text[(open + 1)..^1];
        int comma = inner.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return Invalid($"Invalid filter '{text}'.");
        }

        string field = inner[..comma].Trim();
        if (!allowed.TryGetValue(field, out var operations))
        {
            return Invalid($"'{field}' is not a valid filter field here. Valid fields: {string.Join(", ", allowed.Keys.Order(StringComparer.Ordinal))}.");
        }

        if (!operations.Contains(operation))
        {
            return Invalid($"'{name}' is not a valid operation for '{field}'.");
        }

        var argument = inner.AsSpan(comma + 1).Trim();
        switch (operation)
        {
            case FilterOperation.Equals:
                int position = 0;
                if (!TryReadString(argument, ref position, out string? value) || position != argument.Length)
                {
                    return Invalid($"Invalid filter '{text}': equals() takes one double-quoted string.");
                }

                condition = new FilterCondition(operation, field, [value], default);
                return null;
            case FilterOperation.Any:
                var values = new List<string>();
                if (!TryReadList(argument, values) || values.Count == 0 || values.Count > FilterParser.MaxValues)
                {
                    return Invalid($"Invalid filter '{text}': any() takes 1 to {FilterParser.MaxValues} double-quoted strings such as [\"a\",\"b\"].");
                }

                condition = new FilterCondition(operation, field, values, default);
                return null;
            default:
                if (argument.Length > 0 && argument[0] is '"' or '\'')
                {
                    return Invalid($"Invalid filter '{text}': datetimes are given without quotes, e.g. {name}({field},2024-05-10T00:00:00Z).");
                }

                if (!Timestamps.TryParse(argument.ToString(), out var time))
                {
                    return Invalid($"Invalid filter '{text}': '{argument}' is not an ISO 8601 datetime.");
                }

                condition = new FilterCondition(operation, field, [], time);
                return null;
        }
    }

    /// <summary>Splits at commas outside parentheses, brackets and quotes; <see langword="null"/> when they do not balance.</summary>
    private static List<string>? SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0;
        bool quoted = false;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    if (--depth < 0)
                    {
                        return null;
                    }

                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        if (depth != 0 || quoted)
        {
            return null;
        }

        parts.Add(text[start..].Trim());
        return parts.Any(string.IsNullOrEmpty) ? null : parts;
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
        while (true)
        {
            SkipSpaces(items, ref position);
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

            if (items[position++] != ',')
            {
                return false;
            }
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
