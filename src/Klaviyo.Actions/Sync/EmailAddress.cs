using Klaviyo.Actions.Validation;
using Klaviyo.Actions.Validation.Rules;

namespace Klaviyo.Actions.Sync;

/// <summary>The light "is this user id an email address?" test used to pick a member's Klaviyo identifier.</summary>
internal static class EmailAddress
{
    /// <summary>
    /// Whether the text has the shape <c>local@domain.tld</c>: one <c>@</c> with text before it, a dot in the
    /// domain that is neither its first nor last character, and no whitespace. Klaviyo validates the address
    /// itself; this only decides whether a user id is sent as an email or as an external id.
    /// </summary>
    public static bool LooksLikeEmail(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string value = text.Trim();
        int at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        ReadOnlySpan<char> domain = value.AsSpan(at + 1);
        int dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && domain[0] != '.';
    }

    /// <summary>
    /// Whether the client's validation accepts the (trimmed, lower-cased) email: the format Klaviyo's rules use and at
    /// most 100 characters. A member's email trait that fails this is dropped rather than costing the member.
    /// </summary>
    public static bool IsAcceptable(string email) =>
        email.Length <= IdentityRules.MaxEmailLength && EmailAddressFormat.IsValid(email);
}
