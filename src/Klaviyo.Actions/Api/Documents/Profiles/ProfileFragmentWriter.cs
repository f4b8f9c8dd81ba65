using System.Text.Json;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// Writes one profile of a bulk import job by hand, straight from the <see cref="UpsertProfileRequest"/>: the
/// bytes <see cref="ProfileResource"/> (no id) over <see cref="ProfileAttributes.From(UpsertProfileRequest)"/>
/// serializes to, without building the resource, attributes and location objects. Empty identifiers and null or
/// absent members are omitted, a present <see cref="Optional{T}"/> null is written as <c>null</c>, in the
/// documents' member order.
/// </summary>
internal static class ProfileFragmentWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ProfileType = JsonEncodedText.Encode(ResourceTypes.Profile);
    private static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText PhoneNumber = JsonEncodedText.Encode("phone_number");
    private static readonly JsonEncodedText ExternalId = JsonEncodedText.Encode("external_id");
    private static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("first_name");
    private static readonly JsonEncodedText LastName = JsonEncodedText.Encode("last_name");
    private static readonly JsonEncodedText Organization = JsonEncodedText.Encode("organization");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Image = JsonEncodedText.Encode("image");
    private static readonly JsonEncodedText Locale = JsonEncodedText.Encode("locale");
    private static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
    private static readonly JsonEncodedText Properties = JsonEncodedText.Encode(CustomPropertiesConverter.FieldName);
    private static readonly JsonEncodedText Address1 = JsonEncodedText.Encode("address1");
    private static readonly JsonEncodedText Address2 = JsonEncodedText.Encode("address2");
    private static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
    private static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
    private static readonly JsonEncodedText Zip = JsonEncodedText.Encode("zip");
    private static readonly JsonEncodedText Country = JsonEncodedText.Encode("country");
    private static readonly JsonEncodedText Latitude = JsonEncodedText.Encode("latitude");
    private static readonly JsonEncodedText Longitude = JsonEncodedText.Encode("longitude");
    private static readonly JsonEncodedText Timezone = JsonEncodedText.Encode("timezone");
    private static readonly JsonEncodedText Ip = JsonEncodedText.Encode("ip");

    /// <summary>The UTF-8 import profile.</summary>
    /// <param name="request">The normalized request.</param>
    /// <exception cref="WireValueException">A custom property cannot be represented.</exception>
    public static byte[] ImportProfile(UpsertProfileRequest request) =>
        PooledJsonWriter.ToArray(request, static (writer, r) => WriteImportProfile(writer, r));

    /// <summary>Writes the import profile.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="request">The normalized request.</param>
    public static void WriteImportProfile(Utf8JsonWriter writer, UpsertProfileRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString(Type, ProfileType);
        writer.WriteStartObject(Attributes);
        WriteIfSet(writer, Email, request.Email);
        WriteIfSet(writer, PhoneNumber, request.PhoneNumber);
        WriteIfSet(writer, ExternalId, request.ExternalId);
        WriteIfPresent(writer, FirstName, request.FirstName);
        WriteIfPresent(writer, LastName, request.LastName);
        WriteIfPresent(writer, Organization, request.Organization);
        WriteIfPresent(writer, Title, request.Title);
        WriteIfPresent(writer, Image, request.Image);
        WriteIfPresent(writer, Locale, request.Locale);
        if (request.Location.HasValue)
        {
            WriteLocation(writer, request.Location.Value);
        }

        if (request.Properties is { } properties)
        {
            writer.WritePropertyName(Properties);
            KlaviyoValueWriter.WriteObject(writer, properties, CustomPropertiesConverter.FieldName);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter writer, ProfileLocation? location)
    {
        if (location is null)
        {
            writer.WriteNull(Location);
            return;
        }

        writer.WriteStartObject(Location);
        WriteIfPresent(writer, Address1, location.Address1);
        WriteIfPresent(writer, Address2, location.Address2);
        WriteIfPresent(writer, City, location.City);
        WriteIfPresent(writer, Region, location.Region);
        WriteIfPresent(writer, Zip, location.Zip);
        WriteIfPresent(writer, Country, location.Country);
        WriteIfPresent(writer, Latitude, location.Latitude);
        WriteIfPresent(writer, Longitude, location.Longitude);
        WriteIfPresent(writer, Timezone, location.Timezone);
        WriteIfPresent(writer, Ip, location.Ip);
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            WireText.Write(writer, name, value);
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, JsonEncodedText name, Optional<string?> value)
    {
        if (!value.HasValue)
        {
            return;
        }

        if (value.Value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            WireText.Write(writer, name, value.Value);
        }
    }
}
