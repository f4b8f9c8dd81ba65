using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klaviyo.Actions.Mapping.Json;

/// <summary>
/// Reads Segment date-like values (<c>time</c>, <c>consented_at</c>, event timestamps): ISO 8601 strings
/// (any number of fractional digits; no offset means UTC) and Unix epochs. Results are truncated to whole
/// milliseconds, as Segment's conversion to ISO strings does.
/// </summary>
internal static class SegmentDateTime
{
    /// <summary>Numbers below this are read as Unix seconds, from it on as milliseconds.</summary>
    public const double SecondsThreshold = 1e11;

    /// <summary>Reads a date-like node.</summary>
    public static bool TryRead(JsonNode? node, out DateTimeOffset value)
    {
        value = default;
        if (JsonNodes.TryGetString(node, out string text))
        {
            return TryParse(text, out value);
        }

        return JsonNodes.TryGetDouble(node, out double number) && TryFromEpoch(number, out value);
    }

    /// <summary>Parses a date-like string.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        string trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 64)
        {
            return false;
        }

        if (double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double epoch))
        {
            return TryFromEpoch(epoch, out value);
        }

        string normalized = LimitFraction(trimmed);
        if (!DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }

        value = Truncate(parsed.ToUniversalTime());
        return true;
    }

    /// <summary>Reads an epoch in seconds (below <see cref="SecondsThreshold"/>) or milliseconds.</summary>
    public static bool TryFromEpoch(double epoch, out DateTimeOffset value)
    {
        value = default;
        if (!double.IsFinite(epoch))
        {
            return false;
        }

        double ms = Math.Abs(epoch) < SecondsThreshold ? epoch * 1000 : epoch;
        if (ms < -62_135_596_800_000d || ms > 253_402_300_799_999d)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(ms));
        return true;
    }

    /// <summary>Reads a string element as a timestamp.</summary>
    public static bool TryRead(JsonElement element, out DateTimeOffset value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.String && TryParse(element.GetString()!, out value);
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Cuts fractional seconds to 7 digits, the most .NET parses (Segment keeps 3).</summary>
    private static string LimitFraction(string text)
    {
        int t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        int dot = t < 0 ? -1 : text.IndexOf('.', t);
        if (dot < 0)
        {
            return text;
        }

        int end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        int digits = end - dot - 1;
        return digits <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }
}
