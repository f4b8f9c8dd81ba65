using System.Text.RegularExpressions;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>Klaviyo's identifier rules: emails of at most 100 characters with a basic shape, E.164 phone numbers.</summary>
internal static partial class IdentifierRules
{
    public const int MaxEmailLength = 100;

    public const string InvalidPhoneDetail = "Invalid phone number format (Example of a valid format: +12345678901)";

    /// <summary>Returns the problem with an email, or <see langword="null"/> when it is acceptable.</summary>
    public static string? EmailProblem(string email)
    {
        if (email.Length > MaxEmailLength)
        {
            return $"Invalid email address: an email must be at most {MaxEmailLength} characters.";
        }

        return EmailShape().IsMatch(email) ? null : "Invalid email address";
    }

    public static bool IsE164(string phone) => E164().IsMatch(phone);

    public static bool IsTestDomain(string email) =>
        email.EndsWith("@example.com", StringComparison.OrdinalIgnoreCase) ||
        email.EndsWith("@test.com", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
