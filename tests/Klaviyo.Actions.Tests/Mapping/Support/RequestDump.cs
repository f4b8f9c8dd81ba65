using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Klaviyo.Actions;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping.Support;

/// <summary>
/// Compares typed requests structurally: records hold dictionaries and lists that compare by reference, so
/// both sides are rendered to a canonical text (every public property, absent vs null kept apart) and compared.
/// </summary>
internal static class RequestDump
{
    public static void AssertSame(object? expected, object? actual) =>
        Assert.That(Dump(actual), Is.EqualTo(Dump(expected)));

    public static string Dump(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, int indent)
    {
        string pad = new(' ', indent * 2);
        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case string s:
                sb.Append('"').Append(s).Append('"');
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case decimal m:
                sb.Append(m.ToString(CultureInfo.InvariantCulture)).Append('m');
                return;
            case long or int or double:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(':').Append(value.GetType().Name);
                return;
            case DateTimeOffset d:
                sb.Append(d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                return;
            case Enum e:
                sb.Append(e.ToString());
                return;
            case IDictionary dictionary:
                sb.Append("{\n");
                foreach (var key in dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                {
                    sb.Append(pad).Append("  ").Append(key).Append(": ");
                    Write(sb, dictionary[key], indent + 1);
                    sb.Append('\n');
                }

                sb.Append(pad).Append('}');
                return;
            case IEnumerable list:
                sb.Append("[\n");
                foreach (var item in list)
                {
                    sb.Append(pad).Append("  ");
                    Write(sb, item, indent + 1);
                    sb.Append('\n');
                }

                sb.Append(pad).Append(']');
                return;
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>))
        {
            bool has = (bool)type.GetProperty("HasValue")!.GetValue(value)!;
            if (!has)
            {
                sb.Append("<absent>");
                return;
            }

            Write(sb, type.GetProperty("Value")!.GetValue(value), indent);
            return;
        }

        sb.Append(type.Name).Append(" {\n");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            sb.Append(pad).Append("  ").Append(property.Name).Append(" = ");
            Write(sb, property.GetValue(value), indent + 1);
            sb.Append('\n');
        }

        sb.Append(pad).Append('}');
    }
}
