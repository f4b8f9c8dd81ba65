namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Sends mapped actions to Klaviyo. The destination validates each action and hands it here with the
/// mapping's batching choice; the default, <see cref="KlaviyoClientDispatcher"/>, calls
/// <see cref="IKlaviyoClient"/> directly. A batching dispatcher can queue the action and complete the returned
/// task when its batch has been answered.
/// </summary>
public interface IKlaviyoActionDispatcher
{
    /// <summary>Sends one action.</summary>
    /// <param name="action">The validated action.</param>
    /// <param name="options">The mapping's <c>enable_batching</c>/<c>batch_size</c>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The result once Klaviyo accepted the action.</returns>
    /// <exception cref="KlaviyoApiException">Klaviyo refused the action.</exception>
    Task<KlaviyoActionResult> DispatchAsync(KlaviyoAction action, KlaviyoDispatchOptions options, CancellationToken cancellationToken = default);
}
