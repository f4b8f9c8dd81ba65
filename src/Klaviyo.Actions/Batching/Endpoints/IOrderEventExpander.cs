namespace Klaviyo.Actions.Batching;

/// <summary>Turns an Order Completed request into the events it records: the order event, then one per product.</summary>
internal interface IOrderEventExpander
{
    /// <summary>The order's events, order event first, each with its <c>unique_id</c> decided.</summary>
    IReadOnlyList<TrackEventRequest> Expand(OrderCompletedRequest order);
}
