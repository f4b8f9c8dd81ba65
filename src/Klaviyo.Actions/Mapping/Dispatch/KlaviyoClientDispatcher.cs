namespace Klaviyo.Actions.Mapping;

/// <summary>
/// The default dispatcher: sends every action through the single-call methods of an <see cref="IKlaviyoClient"/>,
/// whatever <see cref="KlaviyoDispatchOptions.EnableBatching"/> says (batching plugs in as another dispatcher).
/// </summary>
public sealed class KlaviyoClientDispatcher : IKlaviyoActionDispatcher
{
    private readonly IKlaviyoClient _client;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="client">The client to send through.</param>
    public KlaviyoClientDispatcher(IKlaviyoClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    public async Task<KlaviyoActionResult> DispatchAsync(KlaviyoAction action, KlaviyoDispatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        object? value = await action.SendAsync(_client, cancellationToken).ConfigureAwait(false);
        return new KlaviyoActionResult(action, value);
    }
}
