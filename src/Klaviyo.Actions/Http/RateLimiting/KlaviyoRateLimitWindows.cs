using Klaviyo.Actions.Http;

namespace Klaviyo.Actions;

/// <summary>
/// The two limits Klaviyo applies to one endpoint of one account: calls per 1-second burst window and per 60-second
/// steady window. A limiter keeps both in every window, not only Klaviyo's aligned ones.
/// </summary>
/// <param name="Burst">Calls allowed in any 1-second window (at least 1).</param>
/// <param name="Steady">Calls allowed in any 60-second window (at least 1).</param>
public readonly record struct KlaviyoRateLimitWindows(int Burst, int Steady)
{
    /// <summary>The burst window: 1 second.</summary>
    public static readonly TimeSpan BurstWindow = TimeSpan.FromSeconds(1);

    /// <summary>The steady window: 60 seconds.</summary>
    public static readonly TimeSpan SteadyWindow = TimeSpan.FromSeconds(60);

    /// <summary>
    /// These limits divided by <paramref name="divisor"/> (e.g. the number of processes sharing the account without
    /// coordination), rounded down but never below one call.
    /// </summary>
    /// <param name="divisor">How many equal parts to divide into; at least 1.</param>
    /// <returns>The smaller limits.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="divisor"/> is less than 1.</exception>
    public KlaviyoRateLimitWindows DividedBy(int divisor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(divisor, 1);
        return new(Math.Max(1, Burst / divisor), Math.Max(1, Steady / divisor));
    }

    /// <summary>Klaviyo's published limits for a tier (spec §3.1; L is 750/min from revision 2026-01-15).</summary>
    internal static KlaviyoRateLimitWindows ForTier(RateLimitTier tier) => tier switch
    {
        RateLimitTier.XS => new(1, 15),
        RateLimitTier.S => new(3, 60),
        RateLimitTier.M => new(10, 150),
        RateLimitTier.L => new(75, 750),
        RateLimitTier.XL => new(350, 3500),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown rate-limit tier."),
    };

    /// <summary>A tier's limits scaled by <paramref name="share"/> (0.1–1.0), rounded down but never below one call.</summary>
    internal static KlaviyoRateLimitWindows ForTier(RateLimitTier tier, double share)
    {
        var full = ForTier(tier);
        return new(Scale(full.Burst, share), Scale(full.Steady, share));
    }

    private static int Scale(int limit, double share) => Math.Max(1, (int)Math.Floor(limit * share));
}
