using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Klaviyo.Actions.Validation;

/// <summary>
/// The country codes accepted in <c>country_code</c>: the 247 codes of Segment's Klaviyo destination
/// (ISO 3166-1 alpha-2 plus Segment's <c>UN</c>). Matching ignores case; the codes are uppercase.
/// </summary>
public static class CountryCodes
{
    // The list Segment's Klaviyo destination offers (config.COUNTRY_CODES). "UN" (United Nations) is not an
    // ISO 3166-1 code; it comes from Segment's list and is kept so that the same inputs pass here as in Segment.
    // libphonenumber has no phone region for seven of these (AQ, BV, HM, PN, TF, UM, UN), so a national
    // phone number paired with one of them cannot be converted. Segment's list lacks TW and PS; they are
    // rejected here too, for parity (an E.164 number from there, starting with '+', needs no country code).
    private static readonly string[] Codes =
    [
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
        "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
        "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
        "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
        "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
        "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GT", "GU", "GW", "GY", "HK", "HM", "HN",
        "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO",
        "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI",
        "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML",
        "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC",
        "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH",
        "PK", "PL", "PM", "PN", "PR", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB",
        "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
        "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT",
        "TV", "TZ", "UA", "UG", "UM", "UN", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU",
        "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
    ];

    private static readonly FrozenSet<string> Set = Codes.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every accepted code, uppercase, in alphabetical order.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(Codes);

    /// <summary>Whether <paramref name="code"/> is an accepted country code (case-insensitive).</summary>
    /// <param name="code">The code, for example <c>US</c>.</param>
    public static bool IsValid([NotNullWhen(true)] string? code) => code is not null && Set.Contains(code);
}
