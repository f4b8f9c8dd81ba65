using System.Text;

namespace Klaviyo.Actions;

/// <summary>Masks personal data (emails, phone numbers) in diagnostic text.</summary>
internal static class Redaction
{
    /// <summary>Masks an email to its first character and domain: <c>j***@example.com</c>.</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return string.Empty;
        }

        int at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    /// <summary>Masks a phone number to its last two digits: <c>***71</c>.</summary>
    public static string MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }

        return phone.Length <= 2 ? "***" : string.Concat("***", phone.AsSpan(phone.Length - 2));
    }

    /// <summary>Describes which identifiers are present, with personal data masked.</summary>
    public static string DescribeIdentity(IProfileIdentity identity, string? anonymousId = null)
    {
        var sb = new StringBuilder("{ ");
        if (!string.IsNullOrEmpty(identity.Email))
        {
            sb.Append("Email = ").Append(MaskEmail(identity.Email)).Append(", ");
        }

        if (!string.IsNullOrEmpty(identity.PhoneNumber))
        {
            sb.Append("PhoneNumber = ").Append(MaskPhone(identity.PhoneNumber)).Append(", ");
        }

        if (!string.IsNullOrEmpty(identity.ExternalId))
        {
            sb.Append("ExternalId = ").Append(identity.ExternalId).Append(", ");
        }

        if (!string.IsNullOrEmpty(anonymousId))
        {
            sb.Append("AnonymousId = ").Append(anonymousId).Append(", ");
        }

        if (sb.Length > 2)
        {
            sb.Length -= 2;
            sb.Append(' ');
        }

        return sb.Append('}').ToString();
    }
}
