namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>Remove Profile from List (Engage): Segment fields → <see cref="RemoveProfileFromListRequest"/>; <c>list_id</c> is required.</summary>
internal sealed class RemoveProfileFromListBinder : ActionBinder
{
    /// <inheritdoc />
    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        CommonFields.Email, CommonFields.ExternalId, CommonFields.RequiredListId, CommonFields.PhoneNumber,
        CommonFields.EnableBatching, CommonFields.CountryCode, CommonFields.BatchSize, CommonFields.BatchKeys,
    ];

    /// <inheritdoc />
    public override KlaviyoAction? Bind(PayloadReader reader, BindingContext context)
    {
        string? listId = reader.String(CommonFields.RequiredListId);
        var request = new RemoveProfileFromListRequest
        {
            ListId = listId ?? string.Empty,
            Email = reader.String(CommonFields.Email),
            PhoneNumber = reader.String(CommonFields.PhoneNumber),
            CountryCode = reader.String(CommonFields.CountryCode),
            ExternalId = reader.String(CommonFields.ExternalId),
        };
        return listId is null ? null : new RemoveProfileFromListAction(request);
    }
}
