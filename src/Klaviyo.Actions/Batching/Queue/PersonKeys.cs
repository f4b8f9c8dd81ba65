namespace Klaviyo.Actions.Batching;

/// <summary>
/// The keys that identify the person a state-setting action changes: each identifier it names, by kind (an email
/// compared case-insensitively). Events set no state in this sense and get none: they batch freely.
/// </summary>
internal static class PersonKeys
{
    /// <summary>The keys of a validated request; <see langword="null"/> for events (Track Event and Order Completed name their person through an event profile, not as the request) or a request naming no one.</summary>
    public static string[]? Of(object request) =>
        request is IProfileIdentity person ? From(person.Email, person.PhoneNumber, person.ExternalId) : null;

    private static string[]? From(string? email, string? phone, string? externalId)
    {
        int count = (Has(email) ? 1 : 0) + (Has(phone) ? 1 : 0) + (Has(externalId) ? 1 : 0);
        if (count == 0)
        {
            return null;
        }

        var keys = new string[count];
        int i = 0;
        if (Has(email))
        {
            keys[i++] = "e:" + email!.ToLowerInvariant();
        }

        if (Has(phone))
        {
            keys[i++] = "p:" + phone;
        }

        if (Has(externalId))
        {
            keys[i] = "x:" + externalId;
        }

        return keys;
    }

    private static bool Has(string? value) => !string.IsNullOrEmpty(value);
}
