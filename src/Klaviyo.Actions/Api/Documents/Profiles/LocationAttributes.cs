using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>A profile's <c>location</c>; each sub-field may be absent (omitted), null (cleared) or a value.</summary>
internal sealed class LocationAttributes
{
    [JsonPropertyName("address1")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Address1 { get; init; }

    [JsonPropertyName("address2")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Address2 { get; init; }

    [JsonPropertyName("city")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> City { get; init; }

    [JsonPropertyName("region")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Region { get; init; }

    [JsonPropertyName("zip")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Zip { get; init; }

    [JsonPropertyName("country")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Country { get; init; }

    [JsonPropertyName("latitude")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Latitude { get; init; }

    [JsonPropertyName("longitude")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Longitude { get; init; }

    [JsonPropertyName("timezone")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Timezone { get; init; }

    [JsonPropertyName("ip")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Ip { get; init; }

    /// <summary>Maps the public location; absent stays absent and null stays null.</summary>
    public static Optional<LocationAttributes?> From(Optional<ProfileLocation?> location)
    {
        if (!location.HasValue)
        {
            return default;
        }

        if (location.Value is not { } value)
        {
            return new Optional<LocationAttributes?>(null);
        }

        return new LocationAttributes
        {
            Address1 = value.Address1,
            Address2 = value.Address2,
            City = value.City,
            Region = value.Region,
            Zip = value.Zip,
            Country = value.Country,
            Latitude = value.Latitude,
            Longitude = value.Longitude,
            Timezone = value.Timezone,
            Ip = value.Ip,
        };
    }
}
