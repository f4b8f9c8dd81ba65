namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Upsert Profile: Segment fields → <see cref="UpsertProfileRequest"/>. The list is the mapping hook's list
/// (Reverse ETL "connect to a static list"), else <c>override_list_id</c>
/// (<c>integrations.Klaviyo.listId</c> by default), else <c>list_id</c> — Segment's single-event precedence.
/// </summary>
/// <param name="marksProfiles">Whether every profile gets <see cref="KlaviyoProfileMarker"/> in its properties.</param>
internal sealed class UpsertProfileBinder(bool marksProfiles = false) : ActionBinder
{
    private static readonly FieldSpec OverrideListId = new("override_list_id", "List ID Override", FieldKind.String);
    private static readonly FieldSpec List = new("list_id", "List", FieldKind.String);

    /// <summary>
    /// The binder of <see cref="DestinationSettings.MarkWrittenProfiles"/>: marks every profile it binds. Declared after
    /// the field specs because static fields initialise in order and the instance's field list reads them.
    /// </summary>
    public static readonly UpsertProfileBinder Marking = new(marksProfiles: true);

    /// <inheritdoc />
    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        CommonFields.Email, CommonFields.EnableBatching, CommonFields.PhoneNumber, CommonFields.CountryCode,
        CommonFields.ExternalId, CommonFields.FirstName, CommonFields.LastName, CommonFields.Organization,
        CommonFields.Title, CommonFields.Image, CommonFields.Location, CommonFields.ProfileProperties, List,
        CommonFields.BatchSize, OverrideListId, CommonFields.BatchKeys,
    ];

    /// <summary>Whether every profile gets <see cref="KlaviyoProfileMarker"/> in its properties.</summary>
    public bool MarksProfiles { get; } = marksProfiles;

    /// <inheritdoc />
    public override KlaviyoAction Bind(PayloadReader reader, BindingContext context) =>
        new UpsertProfileAction(new UpsertProfileRequest
        {
            Email = reader.String(CommonFields.Email),
            PhoneNumber = reader.String(CommonFields.PhoneNumber),
            CountryCode = reader.String(CommonFields.CountryCode),
            ExternalId = reader.String(CommonFields.ExternalId),
            FirstName = reader.OptionalString(CommonFields.FirstName),
            LastName = reader.OptionalString(CommonFields.LastName),
            Organization = reader.OptionalString(CommonFields.Organization),
            Title = reader.OptionalString(CommonFields.Title),
            Image = reader.OptionalString(CommonFields.Image),
            Location = LocationBinder.Bind(reader, CommonFields.Location),
            Properties = MarksProfiles ? Marked(reader.Dictionary(CommonFields.ProfileProperties)) : reader.Dictionary(CommonFields.ProfileProperties),
            ListId = context.HookListId ?? reader.String(OverrideListId) ?? reader.String(List),
        });

    private static Dictionary<string, object?> Marked(IReadOnlyDictionary<string, object?>? properties)
    {
        var marked = properties is null ? new Dictionary<string, object?>(1, StringComparer.Ordinal) : new Dictionary<string, object?>(properties, StringComparer.Ordinal);
        marked[KlaviyoProfileMarker.PropertyName] = KlaviyoProfileMarker.Value;
        return marked;
    }
}
