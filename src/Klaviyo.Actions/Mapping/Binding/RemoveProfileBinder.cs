namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>Remove Profile: Segment fields → <see cref="RemoveProfileRequest"/>; <c>list_id</c> (the list to remove from) is required.</summary>
internal sealed class RemoveProfileBinder : ActionBinder
{
    private static readonly FieldSpec List = new("list_id", "List", FieldKind.String, Required: true);

    /// <inheritdoc />
    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        CommonFields.Email, CommonFields.ExternalId, List, CommonFields.EnableBatching, CommonFields.BatchSize,
        CommonFields.PhoneNumber, CommonFields.CountryCode, CommonFields.BatchKeys,
    ];

    /// <inheritdoc />
    public override KlaviyoAction? Bind(PayloadReader reader, BindingContext context)
    {
        string? listId = reader.String(List);
        var request = new RemoveProfileRequest
        {
            ListId = listId ?? string.Empty,
            Email = reader.String(CommonFields.Email),
            PhoneNumber = reader.String(CommonFields.PhoneNumber),
            CountryCode = reader.String(CommonFields.CountryCode),
            ExternalId = reader.String(CommonFields.ExternalId),
        };
        return listId is null ? null : new RemoveProfileAction(request);
    }
}
