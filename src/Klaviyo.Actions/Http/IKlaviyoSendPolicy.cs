namespace Klaviyo.Actions.Http;

/// <summary>
/// Wraps each send of a Klaviyo operation: rate limiting, retries and timeouts. One definition serves
/// the DI and the non-DI client.
/// </summary>
internal interface IKlaviyoSendPolicy
{
    /// <summary>Runs <paramref name="attempt"/> once or more; each call builds a fresh request.</summary>
    /// <param name="operation">The operation (tier, retry safety).</param>
    /// <param name="attempt">Sends one attempt and returns the (unbuffered) response.</param>
    /// <param name="cancellationToken">Cancels the whole call.</param>
    ValueTask<HttpResponseMessage> SendAsync(
        KlaviyoOperation operation,
        Func<CancellationToken, ValueTask<HttpResponseMessage>> attempt,
        CancellationToken cancellationToken);
}

/// <summary>Sends once, without rate limiting or retries.</summary>
internal sealed class SingleAttemptSendPolicy : IKlaviyoSendPolicy
{
    public static readonly SingleAttemptSendPolicy Instance = new();

    public ValueTask<HttpResponseMessage> SendAsync(
        KlaviyoOperation operation,
        Func<CancellationToken, ValueTask<HttpResponseMessage>> attempt,
        CancellationToken cancellationToken) => attempt(cancellationToken);
}
