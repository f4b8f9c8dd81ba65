using System.ComponentModel.DataAnnotations;

namespace Klaviyo.Actions;

/// <summary>
/// The client-side rate limiter. Klaviyo limits each account per endpoint with a 1-second burst window and a
/// 1-minute steady window sized by the endpoint's tier; the limiter makes calls wait for a slot instead of
/// provoking 429s. The limiter itself is owned by the client or the container, never a static: <c>new KlaviyoClient(...)</c>
/// makes its own unless given one; <c>AddKlaviyoActions</c> shares one per container among clients of the same API key and
/// host; <c>Klaviyo.Actions.Redis</c> shares limits across processes.
/// </summary>
public sealed class KlaviyoRateLimitOptions
{
    internal const double MinShare = 0.1;
    internal const double MaxShare = 1.0;
    internal static readonly TimeSpan MaxWaitLimit = TimeSpan.FromDays(1);

    /// <summary>Whether calls wait for a slot in their tier. Defaults to <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The share (0.1–1.0) of each tier's published limits this process may use, leaving room for other
    /// integrations on the same account. Defaults to 1.0.
    /// </summary>
    [Range(MinShare, MaxShare)]
    public double Share { get; set; } = 1.0;

    /// <summary>
    /// The longest a call waits for a slot (0 – 1 day); a call that would wait longer fails at once with
    /// <see cref="KlaviyoRateLimiterTimeoutException"/> without being sent. Defaults to 5 minutes.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);
}
