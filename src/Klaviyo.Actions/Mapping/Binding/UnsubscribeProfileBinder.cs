namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>Unsubscribe Profile: Segment fields → <see cref="UnsubscribeProfileRequest"/>.</summary>
internal sealed class UnsubscribeProfileBinder : ActionBinder
{
    /// <inheritdoc />
    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        CommonFields.Email, CommonFields.PhoneNumber, CommonFields.CountryCode, CommonFields.ListId,
        CommonFields.EnableBatching, CommonFields.BatchKeys, CommonFields.BatchSize,
    ];

    /// <inheritdoc />
    public override KlaviyoAction Bind(PayloadReader reader, BindingContext context) =>
        new UnsubscribeProfileAction(new UnsubscribeProfileRequest
        {
            Email = reader.String(CommonFields.Email),
            PhoneNumber = reader.String(CommonFields.PhoneNumber),
            CountryCode = reader.String(CommonFields.CountryCode),
            ListId = reader.String(CommonFields.ListId),
        });
}
