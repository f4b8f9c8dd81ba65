namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>Add Profile to List (Engage): Segment fields → <see cref="AddProfileToListRequest"/>; <c>list_id</c> is required.</summary>
internal sealed class AddProfileToListBinder : ActionBinder
{
    /// <inheritdoc />
    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        CommonFields.Email, CommonFields.PhoneNumber, CommonFields.RequiredListId, CommonFields.ExternalId,
        CommonFields.EnableBatching, CommonFields.BatchSize, CommonFields.FirstName, CommonFields.LastName,
        CommonFields.Image, CommonFields.Title, CommonFields.Organization, CommonFields.Location,
        CommonFields.ProfileProperties, CommonFields.CountryCode, CommonFields.BatchKeys,
    ];

    /// <inheritdoc />
    public override KlaviyoAction? Bind(PayloadReader reader, BindingContext context)
    {
        string? listId = reader.String(CommonFields.RequiredListId);
        var request = new AddProfileToListRequest
        {
            ListId = listId ?? string.Empty,
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
            Properties = reader.Dictionary(CommonFields.ProfileProperties),
        };
        return listId is null ? null : new AddProfileToListAction(request);
    }
}
