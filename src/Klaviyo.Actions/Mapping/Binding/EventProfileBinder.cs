
namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Reads the <c>profile</c> object of Track Event and Order Completed: the declared identifiers
/// (<c>email</c>, <c>phone_number</c>, <c>country_code</c>, <c>external_id</c>, <c>anonymous_id</c>) and, since
/// Segment allows additional properties there, every other key as a further profile attribute.
/// </summary>
internal static class EventProfileBinder
{
    /// <summary>Reads the profile; <see langword="null"/> when it is missing or not an object.</summary>
    public static EventProfile? Bind(PayloadReader reader)
    {
        var field = CommonFields.EventProfile;
        if (reader.NestedObject(field) is not { } sub)
        {
            return null;
        }

        var extra = sub.Undeclared(field);
        return new EventProfile
        {
            Email = sub.String(field.Sub("email")!),
            PhoneNumber = sub.String(field.Sub("phone_number")!),
            CountryCode = sub.String(field.Sub("country_code")!),
            ExternalId = sub.String(field.Sub("external_id")!),
            AnonymousId = sub.String(field.Sub("anonymous_id")!),
            AdditionalAttributes = extra,
        };
    }
}
