namespace Klaviyo.Actions.Mapping.Classic;

/// <summary>
/// The classic server-side identify table: Segment trait → Klaviyo special property, and where each lands in
/// today's profile attributes (<c>$first_name</c> → <c>first_name</c>, <c>$city</c> → <c>location.city</c>, ...).
/// Traits not listed go through as custom properties.
/// </summary>
internal static class ClassicTraits
{
    /// <summary><c>email</c> → <c>$email</c>.</summary>
    public const string Email = "email";

    /// <summary><c>phoneNumber</c> → <c>$phone_number</c>; the spec's <c>phone</c> is read when it is absent.</summary>
    public static readonly string[] Phone = ["phoneNumber", "phone"];

    /// <summary><c>firstName</c> → <c>$first_name</c>.</summary>
    public const string FirstName = "firstName";

    /// <summary><c>lastName</c> → <c>$last_name</c>.</summary>
    public const string LastName = "lastName";

    /// <summary><c>title</c> → <c>$title</c>.</summary>
    public const string Title = "title";

    /// <summary><c>organization</c> → <c>$organization</c>.</summary>
    public const string Organization = "organization";

    /// <summary><c>city</c> → <c>$city</c> (location.city).</summary>
    public const string City = "city";

    /// <summary><c>region</c> or <c>state</c> → <c>$region</c> (location.region).</summary>
    public static readonly string[] Region = ["region", "state"];

    /// <summary><c>country</c> → <c>$country</c> (location.country).</summary>
    public const string Country = "country";

    /// <summary><c>zip</c> → <c>$zip</c> (location.zip).</summary>
    public const string Zip = "zip";

    /// <summary><c>timezone</c> → <c>$timezone</c> (location.timezone).</summary>
    public const string Timezone = "timezone";

    /// <summary>Every trait the table consumes (the rest become custom properties).</summary>
    public static readonly HashSet<string> Consumed = new(StringComparer.Ordinal)
    {
        Email, "phoneNumber", "phone", FirstName, LastName, Title, Organization, City, "region", "state", Country, Zip, Timezone,
    };
}
