namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Reads Klaviyo's <c>location</c> object: each declared sub-field that is present is kept, including
/// <see langword="null"/> (which clears it in Klaviyo); absent sub-fields stay absent; other keys are dropped,
/// as Segment's schema removes them. An object with no sub-fields is kept as an empty location (<c>{}</c>).
/// </summary>
internal static class LocationBinder
{
    /// <summary>Reads the location field, absent when the payload has none.</summary>
    public static Optional<ProfileLocation?> Bind(PayloadReader reader, FieldSpec field)
    {
        if (reader.NestedObject(field) is not { } sub)
        {
            return Optional<ProfileLocation?>.Absent;
        }

        Optional<string?> Read(string key) => sub.OptionalString(field.Sub(key)!);
        return new ProfileLocation
        {
            Address1 = Read("address1"),
            Address2 = Read("address2"),
            City = Read("city"),
            Region = Read("region"),
            Zip = Read("zip"),
            Latitude = Read("latitude"),
            Longitude = Read("longitude"),
            Country = Read("country"),
        };
    }
}
