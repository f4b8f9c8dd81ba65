using System.ComponentModel.DataAnnotations;

namespace Klaviyo.Actions;

/// <summary>
/// Retries and timeouts for Klaviyo calls. Retried: 408, 429, 5xx (except 501), timeouts and connection
/// failures, with exponential backoff and jitter; <c>Retry-After</c> is honoured on 429 and 503. Writes that
/// may create twice (list creation) are retried only on 429.
/// </summary>
public sealed class KlaviyoResilienceOptions
{
    internal const int MaxRetryAttemptsLimit = 20;
    internal static readonly TimeSpan MaxDelayLimit = TimeSpan.FromHours(1);
    internal static readonly TimeSpan MinTimeoutLimit = TimeSpan.FromMilliseconds(10);
    internal static readonly TimeSpan MaxTimeoutLimit = TimeSpan.FromDays(1);

    /// <summary>Whether the built-in retry and timeout pipeline runs. Defaults to <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Retries after the first attempt (0–20). Defaults to 6.</summary>
    [Range(0, MaxRetryAttemptsLimit)]
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>The first backoff delay (0–1 h), doubled on each retry with jitter. Defaults to 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait (0–1 h), including one asked for by <c>Retry-After</c>. Defaults to 60 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of one attempt (10 ms – 1 day). Defaults to 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The timeout of a call including every retry and wait (10 ms – 1 day). Defaults to 3 minutes. Time spent
    /// waiting in the client-side rate limiter is not counted (see <see cref="KlaviyoRateLimitOptions.MaxWait"/>).
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
