using System.Globalization;
using System.Text;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Opaque <c>page[cursor]</c> values: a position in creation order, base64url-encoded.</summary>
internal static class Cursors
{
    private const string Prefix = "emulator:";

    public static string Encode(long position)
    {
        string base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture)));
        return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A position in a sorted order: the sort key (e.g. <c>updated</c> in ticks) and the creation sequence that breaks ties.</summary>
    public static string Encode(long key, long sequence) =>
        Encode(key) + "." + Encode(sequence);

    public static bool TryDecode(string cursor, out long key, out long sequence)
    {
        key = 0;
        sequence = 0;
        int dot = cursor.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && TryDecode(cursor[..dot], out key) && TryDecode(cursor[(dot + 1)..], out sequence);
    }

    public static bool TryDecode(string cursor, out long position)
    {
        position = 0;
        string base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        Span<byte> bytes = stackalloc byte[128];
        if (base64.Length > 160 || !Convert.TryFromBase64String(base64, bytes, out int written))
        {
            return false;
        }

        string text = Encoding.UTF8.GetString(bytes[..written]);
        return text.StartsWith(Prefix, StringComparison.Ordinal) &&
            long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out position);
    }
}
