using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Klaviyo.Actions.Validation;

/// <summary>
/// Converts phone numbers to E.164 (<c>+14155552671</c>), the only form Klaviyo accepts, using
/// libphonenumber.
/// </summary>
/// <remarks>
/// <para>
/// An input starting with <c>+</c> is read as an international number and must be a valid number for its
/// country calling code; the country code argument is ignored. Unlike Segment, which passes any
/// <c>+</c> followed by 2–15 digits unchecked (so <c>+12</c> would reach Klaviyo and fail there), the
/// number is really validated, and separators are removed (<c>+1 415-555-2671</c> → <c>+14155552671</c>).
/// </para>
/// <para>
/// Any other input is a national number: it needs an ISO 3166-1 alpha-2 country code (case-insensitive)
/// and must be a valid number of that country (<c>(415) 555-2671</c> with <c>US</c> →
/// <c>+14155552671</c>; a French number with <c>US</c> is rejected).
/// </para>
/// <para>E.164 has no extension: an extension in the input is dropped, as Segment does.</para>
/// <para>Thread-safe. The libphonenumber metadata is loaded once, on first use.</para>
/// </remarks>
public static class PhoneNumberNormalizer
{
    // libphonenumber rejects longer input outright; checking first avoids its exception.
    private const int MaxInputLength = 250;

    // No phone number has fewer digits than this (the shortest valid numbers have about seven);
    // junk such as "+", "+1", "-" or "n/a" is rejected here without a parse exception.
    private const int MinDigits = 3;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly FrozenSet<string> Regions =
        Util.GetSupportedRegions().ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Converts <paramref name="input"/> to E.164.
    /// </summary>
    /// <param name="input">The phone number as given.</param>
    /// <param name="countryCode">
    /// ISO 3166-1 alpha-2 country (case-insensitive) used to read a national number; ignored for input that
    /// starts with <c>+</c>.
    /// </param>
    /// <param name="e164">
    /// The number in E.164 form, or <see langword="null"/> when <paramref name="input"/> is
    /// <see langword="null"/>, empty or whitespace (there is no phone) or cannot be converted. When the input
    /// already is in canonical E.164 form the same string instance is returned.
    /// </param>
    /// <returns>
    /// <see langword="false"/> only when a non-blank <paramref name="input"/> cannot be converted;
    /// <see langword="true"/> when it was converted or when there is no phone at all.
    /// </returns>
    public static bool TryNormalize(string? input, string? countryCode, out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        if (!HasPlausibleShape(input))
        {
            return false;
        }

        PhoneNumber? parsed;
        if (input.AsSpan().TrimStart()[0] == '+')
        {
            if (!TryParse(input, region: null, out parsed) || !Util.IsValidNumber(parsed))
            {
                return false;
            }
        }
        else
        {
            if (!TryGetRegion(countryCode, out var region) ||
                !TryParse(input, region, out parsed) ||
                !Util.IsValidNumberForRegion(parsed, region))
            {
                return false;
            }
        }

        e164 = FormatE164(parsed, input);
        return true;
    }

    /// <summary>Whether <paramref name="input"/> can be converted to E.164 (see <see cref="TryNormalize"/>).</summary>
    /// <param name="input">The phone number; <see langword="null"/> or blank is not convertible.</param>
    /// <param name="countryCode">The country for a national number.</param>
    public static bool IsConvertible([NotNullWhen(true)] string? input, string? countryCode) =>
        !string.IsNullOrWhiteSpace(input) && TryNormalize(input, countryCode, out _);

    private static bool HasPlausibleShape(string input)
    {
        if (input.Length > MaxInputLength)
        {
            return false;
        }

        int digits = 0;
        foreach (char c in input)
        {
            if (char.IsDigit(c) && ++digits >= MinDigits)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryGetRegion(string? countryCode, [NotNullWhen(true)] out string? region)
    {
        region = null;
        return countryCode is not null && Regions.TryGetValue(countryCode, out region);
    }

    private static bool TryParse(string input, string? region, [NotNullWhen(true)] out PhoneNumber? parsed)
    {
        try
        {
            parsed = Util.Parse(input, region);
            return true;
        }
        catch (NumberParseException)
        {
            parsed = null;
            return false;
        }
    }

    private static string FormatE164(PhoneNumber parsed, string input)
    {
        // No per-thread buffer: it would keep the last phone number's digits after the call.
        string e164 = Util.Format(parsed, PhoneNumberFormat.E164);

        // Already canonical (the common case): hand back the caller's string, so equal inputs stay one instance.
        return string.Equals(e164, input, StringComparison.Ordinal) ? input : e164;
    }
}
