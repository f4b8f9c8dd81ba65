namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Track Event: Segment fields → <see cref="TrackEventRequest"/>. <c>unique_id</c> falls back to the event's
/// <c>messageId</c> when the mapping yields none, so a replayed event is never recorded twice.
/// </summary>
internal sealed class TrackEventBinder : ActionBinder
{
    private static readonly FieldSpec MetricName = new("metric_name", "Metric Name", FieldKind.String, Required: true);

    /// <inheritdoc />
    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        CommonFields.EventProfile, MetricName, CommonFields.EventProperties, CommonFields.Time, CommonFields.Value,
        CommonFields.UniqueId, CommonFields.EnableBatching, CommonFields.BatchSize,
    ];

    /// <inheritdoc />
    public override KlaviyoAction? Bind(PayloadReader reader, BindingContext context)
    {
        var profile = EventProfileBinder.Bind(reader);
        string? metric = reader.String(MetricName);
        var properties = reader.Dictionary(CommonFields.EventProperties);
        var time = reader.DateTime(CommonFields.Time);
        var value = reader.Number(CommonFields.Value);
        string? uniqueId = reader.String(CommonFields.UniqueId) ?? context.Event.MessageId;
        if (profile is null || metric is null)
        {
            return null;
        }

        return new TrackEventAction(new TrackEventRequest
        {
            Profile = profile,
            MetricName = metric,
            Properties = properties,
            Time = time,
            Value = value,
            UniqueId = uniqueId,
        });
    }
}
