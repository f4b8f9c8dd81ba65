using System.Globalization;

namespace Klaviyo.Actions.Api;

/// <summary>Formats times the way this library sends them: UTC with milliseconds, <c>2024-05-01T12:00:00.000Z</c>.</summary>
internal static class KlaviyoTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Formats a time as UTC <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public static string ToWire(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The longest text <see cref="ToWire"/> gives (a four-digit year).</summary>
    public const int MaxWireLength = 24;

    /// <summary>Formats like <see cref="ToWire"/> into <paramref name="destination"/> without a string.</summary>
    /// <param name="time">The time.</param>
    /// <param name="destination">At least <see cref="MaxWireLength"/> characters.</param>
    /// <param name="written">The characters written.</param>
    public static bool TryFormatWire(DateTimeOffset time, Span<char> destination, out int written) =>
        time.UtcDateTime.TryFormat(destination, out written, Format, CultureInfo.InvariantCulture);

    /// <summary>Drops the fraction of a second (Klaviyo keeps event times to the second).</summary>
    public static DateTimeOffset TruncateToSecond(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}
