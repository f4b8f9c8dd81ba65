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
