namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Order Completed: Segment fields → <see cref="OrderCompletedRequest"/>. <c>products</c> (one object or an
/// array) become <see cref="OrderProduct"/>s; <c>event_name</c> and <c>product_event_name</c> default to
/// <c>Order Completed</c> / <c>Ordered Product</c>; <c>unique_id</c> falls back to <c>messageId</c>.
/// </summary>
internal sealed class OrderCompletedBinder : ActionBinder
{
    private static readonly FieldSpec Products = new("products", "Products", FieldKind.ObjectArray);
    private static readonly FieldSpec EventName = new("event_name", "Event Name", FieldKind.String);
    private static readonly FieldSpec ProductEventName = new("product_event_name", "Product Event Name", FieldKind.String);

    /// <inheritdoc />
    public override IReadOnlyList<FieldSpec> Fields { get; } =
    [
        CommonFields.EventProfile, CommonFields.EventProperties, CommonFields.Time, CommonFields.Value,
        CommonFields.UniqueId, Products, EventName, ProductEventName,
    ];

    /// <inheritdoc />
    public override KlaviyoAction? Bind(PayloadReader reader, BindingContext context)
    {
        var profile = EventProfileBinder.Bind(reader);
        var properties = reader.Dictionary(CommonFields.EventProperties);
        var time = reader.DateTime(CommonFields.Time);
        var value = reader.Number(CommonFields.Value);
        string? uniqueId = reader.String(CommonFields.UniqueId) ?? context.Event.MessageId;
        if (!ProductBinder.TryBindAll(reader, reader.MappedElement(Products), out var products))
        {
            var productObjects = reader.ObjectArray(Products);
            products = productObjects is null ? null : ProductBinder.BindAll(reader, productObjects);
        }

        string? eventName = reader.String(EventName);
        string? productEventName = reader.String(ProductEventName);
        if (profile is null)
        {
            return null;
        }

        return new OrderCompletedAction(new OrderCompletedRequest
        {
            Profile = profile,
            Properties = properties,
            Time = time,
            Value = value,
            UniqueId = uniqueId,
            Products = products,
            EventName = string.IsNullOrEmpty(eventName) ? OrderCompletedRequest.DefaultEventName : eventName,
            ProductEventName = string.IsNullOrEmpty(productEventName) ? OrderCompletedRequest.DefaultProductEventName : productEventName,
        });
    }
}
