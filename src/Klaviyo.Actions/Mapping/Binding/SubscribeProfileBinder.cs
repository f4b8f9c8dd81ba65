namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Subscribe Profile: Segment fields → <see cref="SubscribeProfileRequest"/>. A missing or empty
/// <c>custom_source</c> becomes Segment's <c>-59</c>; <c>historical_import</c> defaults to false.
/// </summary>
internal sealed class SubscribeProfileBinder : ActionBinder
{
    private static readonly FieldSpec CustomSource = new("custom_source", "Custom Source ($source)", FieldKind.String);
    private static readonly FieldSpec HistoricalImport = new("historical_import", "Historical Import", FieldKind.Boolean);
    private static readonly FieldSpec ConsentedAt = new("consented_at", "Consented At", FieldKind.DateTime);

    /// <inheritdoc />
    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        CommonFields.Email, CommonFields.PhoneNumber, CommonFields.CountryCode, CommonFields.ListId, CustomSource,
        HistoricalImport, ConsentedAt, CommonFields.EnableBatching, CommonFields.BatchKeys, CommonFields.BatchSize,
    ];

    /// <inheritdoc />
    public override KlaviyoAction Bind(PayloadReader reader, BindingContext context)
    {
        string? source = reader.String(CustomSource);
        return new SubscribeProfileAction(new SubscribeProfileRequest
        {
            Email = reader.String(CommonFields.Email),
            PhoneNumber = reader.String(CommonFields.PhoneNumber),
            CountryCode = reader.String(CommonFields.CountryCode),
            ListId = reader.String(CommonFields.ListId),
            CustomSource = string.IsNullOrEmpty(source) ? SubscribeProfileRequest.SegmentCustomSource : source,
            HistoricalImport = reader.Boolean(HistoricalImport) ?? false,
            ConsentedAt = reader.DateTime(ConsentedAt),
        });
    }
}
