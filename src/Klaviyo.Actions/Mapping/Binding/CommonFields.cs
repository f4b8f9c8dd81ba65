namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>Field declarations shared by several actions (same key, label and type in Segment).</summary>
internal static class CommonFields
{
    public static readonly FieldSpec Email = new("email", "Email", FieldKind.String);
    public static readonly FieldSpec PhoneNumber = new("phone_number", "Phone Number", FieldKind.String);
    public static readonly FieldSpec CountryCode = new("country_code", "Country Code", FieldKind.String);
    public static readonly FieldSpec ExternalId = new("external_id", "External ID", FieldKind.String);
    public static readonly FieldSpec FirstName = new("first_name", "First Name", FieldKind.String);
    public static readonly FieldSpec LastName = new("last_name", "Last Name", FieldKind.String);
    public static readonly FieldSpec Organization = new("organization", "Organization", FieldKind.String);
    public static readonly FieldSpec Title = new("title", "Title", FieldKind.String);
    public static readonly FieldSpec Image = new("image", "Image", FieldKind.String);
    public static readonly FieldSpec ProfileProperties = new("properties", "Properties", FieldKind.Object);
    public static readonly FieldSpec ListId = new("list_id", "List Id", FieldKind.String);
    public static readonly FieldSpec RequiredListId = new("list_id", "List Id", FieldKind.String, Required: true);
    public static readonly FieldSpec EnableBatching = new("enable_batching", "Batch Data to Klaviyo", FieldKind.Boolean);
    public static readonly FieldSpec BatchSize = new("batch_size", "Batch Size", FieldKind.Number);
    public static readonly FieldSpec BatchKeys = new("batch_keys", "Batch Keys", FieldKind.StringArray);

    /// <summary>Klaviyo's <c>location</c>: every sub-field is a nullable string (null clears it).</summary>
    public static readonly FieldSpec Location = new(
        "location",
        "Location",
        FieldKind.Object,
        Properties:
        [
            new("address1", "Address 1", FieldKind.String, Nullable: true),
            new("address2", "Address 2", FieldKind.String, Nullable: true),
            new("city", "City", FieldKind.String, Nullable: true),
            new("region", "Region", FieldKind.String, Nullable: true),
            new("zip", "ZIP", FieldKind.String, Nullable: true),
            new("latitude", "Latitude", FieldKind.String, Nullable: true),
            new("longitude", "Longitude", FieldKind.String, Nullable: true),
            new("country", "Country", FieldKind.String, Nullable: true),
        ]);

    /// <summary>Track Event / Order Completed <c>profile</c>: declared identifiers plus any other attribute.</summary>
    public static readonly FieldSpec EventProfile = new(
        "profile",
        "Profile",
        FieldKind.Object,
        Required: true,
        Properties:
        [
            Email,
            PhoneNumber,
            CountryCode,
            ExternalId,
            new("anonymous_id", "Anonymous ID", FieldKind.String),
        ],
        AdditionalProperties: true);

    public static readonly FieldSpec EventProperties = new("properties", "Properties", FieldKind.Object, Required: true);
    public static readonly FieldSpec Time = new("time", "Time", FieldKind.DateTime);
    public static readonly FieldSpec Value = new("value", "Value", FieldKind.Number);
    public static readonly FieldSpec UniqueId = new("unique_id", "Unique ID", FieldKind.String);
}
