using System.Buffers;

namespace Klaviyo.Actions.Validation;

/// <summary>
/// The email format Segment's destination applies: ajv-formats' "full" email pattern, case-insensitive,
/// <c>^[a-z0-9!#$%&amp;'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&amp;'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$</c>.
/// </summary>
/// <remarks>
/// Implemented as a single linear scan rather than a regular expression: the same language, no
/// backtracking on long hostile input, no allocation. Only ASCII letters count as letters, as in
/// JavaScript's case-insensitive matching.
/// </remarks>
internal static class EmailAddressFormat
{
    private const string LetterAndDigitChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static readonly SearchValues<char> LocalPartChars =
        SearchValues.Create(LetterAndDigitChars + "!#$%&'*+/=?^_`{|}~-");

    private static readonly SearchValues<char> LabelChars = SearchValues.Create(LetterAndDigitChars + "-");

    /// <summary>Whether <paramref name="email"/> matches the pattern.</summary>
    public static bool IsValid(ReadOnlySpan<char> email)
    {
        int at = email.IndexOf('@');
        return at > 0 && IsValidLocalPart(email[..at]) && IsValidDomain(email[(at + 1)..]);
    }

    // One or more non-empty atoms separated by single dots.
    private static bool IsValidLocalPart(ReadOnlySpan<char> local)
    {
        while (true)
        {
            int dot = local.IndexOf('.');
            var atom = dot < 0 ? local : local[..dot];
            if (atom.IsEmpty || atom.ContainsAnyExcept(LocalPartChars))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            local = local[(dot + 1)..];
        }
    }

    // At least two labels separated by single dots, no trailing dot; each label is letters, digits and
    // hyphens, neither starting nor ending with a hyphen.
    private static bool IsValidDomain(ReadOnlySpan<char> domain)
    {
        int labels = 0;
        while (true)
        {
            int dot = domain.IndexOf('.');
            var label = dot < 0 ? domain : domain[..dot];
            if (label.IsEmpty || label.ContainsAnyExcept(LabelChars) || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            labels++;
            if (dot < 0)
            {
                return labels >= 2;
            }

            domain = domain[(dot + 1)..];
        }
    }
}
