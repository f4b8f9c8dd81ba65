namespace Klaviyo.Actions;

/// <summary>
/// The client-side rate limiter would have had to hold the call longer than
/// <see cref="KlaviyoRateLimitOptions.MaxWait"/>. Nothing was sent to Klaviyo; the call can be repeated later.
/// </summary>
public sealed class KlaviyoRateLimiterTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">Klaviyo's operation id, e.g. <c>create_event</c>.</param>
    /// <param name="requiredWait">How long the call would have had to wait.</param>
    /// <param name="maxWait">The configured maximum wait.</param>
    public KlaviyoRateLimiterTimeoutException(string operation, TimeSpan requiredWait, TimeSpan maxWait)
        : base($"The Klaviyo call '{operation}' was not sent: the client-side rate limiter would have held it for {requiredWait:g}, longer than RateLimiting:MaxWait ({maxWait:g}). Send less often, raise MaxWait or lower the load from other clients of the same API key.")
    {
        Operation = operation;
        RequiredWait = requiredWait;
        MaxWait = maxWait;
    }

    /// <summary>Klaviyo's operation id.</summary>
    public string Operation { get; }

    /// <summary>How long the call would have had to wait for a slot.</summary>
    public TimeSpan RequiredWait { get; }

    /// <summary>The configured maximum wait.</summary>
    public TimeSpan MaxWait { get; }
}
