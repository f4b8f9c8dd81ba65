using System.Collections.Concurrent;

namespace Klaviyo.Actions.Validation;

/// <summary>
/// Remembers recent conversions of <see cref="PhoneNumberNormalizer"/>: the same customers come back event after
/// event, and a libphonenumber parse costs far more than a lookup. The conversion is a pure function of the input
/// and the country, so a hit gives exactly what a parse would.
/// </summary>
/// <remarks>
/// Bounded: when it holds <see cref="Capacity"/> entries it is emptied and starts over, so its memory stays small
/// whatever the traffic. Entries live only in process memory and are never logged.
/// </remarks>
internal static class PhoneNumberCache
{
    /// <summary>The most entries held at once.</summary>
    internal const int Capacity = 4096;

    /// <summary>Stands for "not convertible" in the map (a <see langword="null"/> value would work too, but reads less clearly).</summary>
    private static readonly string NotConvertible = new('\0', 1);

    private static readonly ConcurrentDictionary<Key, string> Entries = new();

    private static int s_count;

    /// <summary>Looks up an earlier conversion.</summary>
    /// <param name="input">The phone number as given.</param>
    /// <param name="region">The country used to read it; <see langword="null"/> for international input.</param>
    /// <param name="e164">The E.164 form, or <see langword="null"/> when the input is not convertible.</param>
    /// <returns>Whether the input was seen before.</returns>
    public static bool TryGet(string input, string? region, out string? e164)
    {
        if (Entries.TryGetValue(new Key(input, region), out var value))
        {
            e164 = ReferenceEquals(value, NotConvertible) ? null : value;
            return true;
        }

        e164 = null;
        return false;
    }

    /// <summary>Remembers a conversion.</summary>
    /// <param name="input">The phone number as given.</param>
    /// <param name="region">The country used to read it; <see langword="null"/> for international input.</param>
    /// <param name="e164">The E.164 form, or <see langword="null"/> when the input is not convertible.</param>
    public static void Add(string input, string? region, string? e164)
    {
        if (Interlocked.Increment(ref s_count) > Capacity)
        {
            Entries.Clear();
            Interlocked.Exchange(ref s_count, 1);
        }

        Entries[new Key(input, region)] = e164 ?? NotConvertible;
    }

    private readonly record struct Key(string Input, string? Region);
}
