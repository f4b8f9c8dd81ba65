using System.Globalization;
using System.Text;

namespace Klaviyo.Actions.Api;

/// <summary>
/// Builds Klaviyo <c>filter</c> query values such as <c>any(email,["a@x.com","b@x.com"])</c>. String values are
/// quoted with JSON string escaping, and the whole value is percent-encoded for the query string, so quotes,
/// backslashes, <c>+</c> and commas inside values survive (Segment sends them raw).
/// </summary>
internal static class KlaviyoFilter
{
    /// <summary><c>any(field,["v1","v2",…])</c>, not yet encoded.</summary>
    public static string Any(string field, IEnumerable<string> values)
    {
        var sb = new StringBuilder("any(").Append(field).Append(",[");
        bool first = true;
        foreach (string value in values)
        {
            if (!first)
            {
                sb.Append(',');
            }

            AppendQuoted(sb, value);
            first = false;
        }

        return sb.Append("])").ToString();
    }

    /// <summary><c>equals(field,"value")</c>, not yet encoded.</summary>
    public static string EqualTo(string field, string value)
    {
        var sb = new StringBuilder("equals(").Append(field).Append(',');
        AppendQuoted(sb, value);
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// <c>greater-than(field,2024-05-10T12:00:00Z)</c>, not yet encoded. Klaviyo wants datetimes unquoted, in UTC; the
    /// value keeps whole seconds only when it has no fraction, so a cursor read back from Klaviyo round-trips exactly.
    /// </summary>
    public static string GreaterThan(string field, DateTimeOffset value) =>
        "greater-than(" + field + "," + Datetime(value) + ")";

    /// <summary><c>and(a,b,…)</c> of filters already built, not yet encoded.</summary>
    public static string And(params string[] filters) =>
        filters.Length == 1 ? filters[0] : "and(" + string.Join(",", filters) + ")";

    /// <summary>A datetime as Klaviyo's filters take it: ISO 8601 in UTC with <c>Z</c>, fraction only when there is one.</summary>
    public static string Datetime(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The query parameter <c>filter=…</c> with the value percent-encoded.</summary>
    public static string QueryParameter(string filter) => "filter=" + Uri.EscapeDataString(filter);

    /// <summary>Appends a JSON string literal: <c>"</c> and <c>\</c> are backslash-escaped, control characters become <c>\uXXXX</c>.</summary>
    private static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
    }
}
