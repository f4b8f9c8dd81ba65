using System.Threading.RateLimiting;

namespace Klaviyo.Actions;

/// <summary>
/// One Klaviyo call asking a rate limiter for a slot: the resource of every Klaviyo rate limiter
/// (<see cref="System.Threading.RateLimiting.PartitionedRateLimiter{TResource}"/> of this type).
/// </summary>
/// <remarks>
/// <para>
/// The contract every implementation keeps (<see cref="KlaviyoInProcessRateLimiter"/> in one process, the Redis limiter
/// of <c>Klaviyo.Actions.Redis</c> across processes): a slot is one permit (<c>permitCount</c> is always 1);
/// <c>AcquireAsync</c> reserves the earliest time at which neither of <see cref="Limits"/>' windows of
/// <see cref="Endpoint"/> in <see cref="Account"/> would overflow, waits until then and returns an acquired lease;
/// when that time is further away than <see cref="MaxWait"/> it reserves nothing, does not wait, and returns a lease that
/// is not acquired, with <see cref="MetadataName.RetryAfter"/> set to the wait it would have needed. An acquired lease
/// may report the time it waited as <see cref="WaitedMetadata"/> (else the client measures it, limiter round trips
/// included). A canceled wait gives its reservation back. Leases hold nothing: disposing one frees no slot, because a
/// call counts against Klaviyo's windows once it is sent.
/// </para>
/// </remarks>
public sealed record KlaviyoRateLimitRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="account">A one-way id of the Klaviyo account (the client passes a SHA-256 of host and API key; never the key itself).</param>
    /// <param name="endpoint">Klaviyo's operation id, e.g. <c>create_event</c>; each endpoint has its own windows.</param>
    /// <param name="limits">The caller's limits for the endpoint (already scaled by its share).</param>
    /// <param name="maxWait">The longest the caller accepts to wait for its slot (zero or more).</param>
    /// <exception cref="ArgumentException"><paramref name="account"/> or <paramref name="endpoint"/> is empty, a limit is below 1 or <paramref name="maxWait"/> is negative.</exception>
    public KlaviyoRateLimitRequest(string account, string endpoint, KlaviyoRateLimitWindows limits, TimeSpan maxWait)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        if (limits.Burst < 1 || limits.Steady < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), limits, "KlaviyoRateLimitRequest.Limits: Burst and Steady must both be at least 1.");
        }

        if (maxWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait, "KlaviyoRateLimitRequest.MaxWait must not be negative.");
        }

        Account = account;
        Endpoint = endpoint;
        Limits = limits;
        MaxWait = maxWait;
    }

    /// <summary>The lease metadata an acquired lease carries: how long the call waited for its slot (zero when it was free).</summary>
    public static MetadataName<TimeSpan> WaitedMetadata { get; } = new("KLAVIYO_RATE_LIMIT_WAITED");

    /// <summary>A one-way id of the Klaviyo account whose limits apply.</summary>
    public string Account { get; }

    /// <summary>Klaviyo's operation id; each endpoint is limited separately.</summary>
    public string Endpoint { get; }

    /// <summary>The burst and steady limits to keep.</summary>
    public KlaviyoRateLimitWindows Limits { get; }

    /// <summary>The longest acceptable wait for a slot.</summary>
    public TimeSpan MaxWait { get; }
}
