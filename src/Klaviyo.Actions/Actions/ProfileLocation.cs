namespace Klaviyo.Actions;

/// <summary>
/// A profile's address (Klaviyo's <c>location</c> attribute). Every sub-field may be absent (left
/// unchanged), <see langword="null"/> (cleared) or a value.
/// </summary>
public sealed record ProfileLocation
{
    /// <summary>First address line (<c>address1</c>).</summary>
    public Optional<string?> Address1 { get; init; }

    /// <summary>Second address line (<c>address2</c>).</summary>
    public Optional<string?> Address2 { get; init; }

    /// <summary>City (<c>city</c>).</summary>
    public Optional<string?> City { get; init; }

    /// <summary>Region or state (<c>region</c>).</summary>
    public Optional<string?> Region { get; init; }

    /// <summary>Postal code (<c>zip</c>).</summary>
    public Optional<string?> Zip { get; init; }

    /// <summary>Country (<c>country</c>).</summary>
    public Optional<string?> Country { get; init; }

    /// <summary>Latitude, as a decimal string (<c>latitude</c>).</summary>
    public Optional<string?> Latitude { get; init; }

    /// <summary>Longitude, as a decimal string (<c>longitude</c>).</summary>
    public Optional<string?> Longitude { get; init; }

    /// <summary>IANA time zone, e.g. <c>America/New_York</c> (<c>timezone</c>).</summary>
    public Optional<string?> Timezone { get; init; }

    /// <summary>IP address (<c>ip</c>).</summary>
    public Optional<string?> Ip { get; init; }

    /// <summary>Whether no sub-field is present (serialized as <c>{}</c>).</summary>
    public bool IsEmpty =>
        !Address1.HasValue && !Address2.HasValue && !City.HasValue && !Region.HasValue && !Zip.HasValue &&
        !Country.HasValue && !Latitude.HasValue && !Longitude.HasValue && !Timezone.HasValue && !Ip.HasValue;
}
