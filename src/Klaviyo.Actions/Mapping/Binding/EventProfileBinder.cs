using Klaviyo.Actions.Mapping.Json;

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
        var obj = reader.Object(field);
        if (obj is null)
        {
            return null;
        }

        var sub = reader.Nested(obj, field.Key);
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (field.Sub(key) is null)
            {
                extra[key] = JsonNodes.ToClr(value);
            }
        }

        return new EventProfile
        {
            Email = sub.String(field.Sub("email")!),
            PhoneNumber = sub.String(field.Sub("phone_number")!),
            CountryCode = sub.String(field.Sub("country_code")!),
            ExternalId = sub.String(field.Sub("external_id")!),
            AnonymousId = sub.String(field.Sub("anonymous_id")!),
            AdditionalAttributes = extra.Count == 0 ? null : extra,
        };
    }
}
