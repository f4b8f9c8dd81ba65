namespace Klaviyo.Actions.Operations;

/// <summary>
/// A client that sends Order Completed and tells what happened to each of its events (implemented by
/// <see cref="KlaviyoClient"/>), so the queue's single sends can name the events a failed order did deliver.
/// </summary>
internal interface IOrderPartsSender
{
    /// <summary>Sends the order; throws only what fails before anything is sent (an invalid request).</summary>
    /// <param name="request">The order.</param>
    /// <param name="cancellationToken">Stops the sends.</param>
    Task<OrderDelivery> SendOrderAsync(OrderCompletedRequest request, CancellationToken cancellationToken);
}
