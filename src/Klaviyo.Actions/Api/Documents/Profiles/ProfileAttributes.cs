using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// A profile's <c>attributes</c> as sent to profile-import, PATCH profile and bulk import. Identifiers are
/// omitted when null; <see cref="Optional{T}"/> attributes are omitted when absent and written as
/// <c>null</c> (which clears them in Klaviyo) when present but null.
/// </summary>
internal sealed class ProfileAttributes
{
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("phone_number")]
    public string? PhoneNumber { get; init; }

    [JsonPropertyName("external_id")]
    public string? ExternalId { get; init; }

    [JsonPropertyName("first_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> FirstName { get; init; }

    [JsonPropertyName("last_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> LastName { get; init; }

    [JsonPropertyName("organization")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Organization { get; init; }

    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Title { get; init; }

    [JsonPropertyName("image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Image { get; init; }

    [JsonPropertyName("locale")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalStringConverter))]
    public Optional<string?> Locale { get; init; }

    [JsonPropertyName("location")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(OptionalLocationConverter))]
    public Optional<LocationAttributes?> Location { get; init; }

    [JsonPropertyName("properties")]
    [JsonConverter(typeof(CustomPropertiesConverter))]
    public IReadOnlyDictionary<string, object?>? Properties { get; init; }

    /// <summary>The attributes of an Upsert Profile request (already normalized).</summary>
    public static ProfileAttributes From(UpsertProfileRequest request) => new()
    {
        Email = NullIfEmpty(request.Email),
        PhoneNumber = NullIfEmpty(request.PhoneNumber),
        ExternalId = NullIfEmpty(request.ExternalId),
        FirstName = request.FirstName,
        LastName = request.LastName,
        Organization = request.Organization,
        Title = request.Title,
        Image = request.Image,
        Locale = request.Locale,
        Location = LocationAttributes.From(request.Location),
        Properties = request.Properties,
    };

    /// <summary>The attributes of an Add Profile to List request (already normalized).</summary>
    public static ProfileAttributes From(AddProfileToListRequest request) => new()
    {
        Email = NullIfEmpty(request.Email),
        PhoneNumber = NullIfEmpty(request.PhoneNumber),
        ExternalId = NullIfEmpty(request.ExternalId),
        FirstName = request.FirstName,
        LastName = request.LastName,
        Organization = request.Organization,
        Title = request.Title,
        Image = request.Image,
        Location = LocationAttributes.From(request.Location),
        Properties = request.Properties,
    };

    /// <summary>
    /// The same attributes without identifiers: updates a profile's data without moving an email, phone or external
    /// id that Klaviyo says belongs to another profile.
    /// </summary>
    public ProfileAttributes WithoutIdentifiers() => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        Organization = Organization,
        Title = Title,
        Image = Image,
        Locale = Locale,
        Location = Location,
        Properties = Properties,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
