namespace Klaviyo.Actions.Api.Json;

/// <summary>Stable rule names of the errors the wire writer raises for custom values.</summary>
internal static class ValueRules
{
    /// <summary>A CLR type the writer does not support.</summary>
    public const string UnsupportedType = "unsupported_type";

    /// <summary>Objects and arrays nested deeper than <see cref="KlaviyoValueWriter.MaxDepth"/> levels.</summary>
    public const string MaxDepth = "max_depth";

    /// <summary>NaN or an infinity, which JSON cannot represent.</summary>
    public const string NonFiniteNumber = "non_finite_number";

    /// <summary>A free-form key that collides with a typed field.</summary>
    public const string ReservedKey = "reserved_key";

    /// <summary>Text that is not valid Unicode (a lone surrogate, e.g. an emoji cut in half).</summary>
    public const string InvalidUnicode = Validation.KlaviyoValidationRules.InvalidUnicode;

    /// <summary>Whether <paramref name="text"/> is well-formed UTF-16: every surrogate is part of a pair.</summary>
    public static bool IsValidUnicode(string text)
    {
        // Text without any surrogate (nearly all) is found valid by one vectorized search.
        int first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return true;
        }

        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
