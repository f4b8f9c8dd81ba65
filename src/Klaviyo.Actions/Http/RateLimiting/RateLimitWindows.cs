namespace Klaviyo.Actions.Http.RateLimiting;

/// <summary>The two limits Klaviyo applies to an endpoint: calls per 1-second burst window and per 60-second steady window.</summary>
/// <param name="Burst">Calls allowed in any 1-second window.</param>
/// <param name="Steady">Calls allowed in any 60-second window.</param>
internal readonly record struct RateLimitWindows(int Burst, int Steady)
{
    public static readonly TimeSpan BurstWindow = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan SteadyWindow = TimeSpan.FromSeconds(60);

    /// <summary>Klaviyo's published limits for a tier (spec §3.1; L is 750/min from revision 2026-01-15).</summary>
    public static RateLimitWindows ForTier(RateLimitTier tier) => tier switch
    {
        RateLimitTier.XS => new(1, 15),
        RateLimitTier.S => new(3, 60),
        RateLimitTier.M => new(10, 150),
        RateLimitTier.L => new(75, 750),
        RateLimitTier.XL => new(350, 3500),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown rate-limit tier."),
    };

    /// <summary>A tier's limits scaled by <paramref name="share"/> (0.1–1.0), rounded down but never below one call.</summary>
    public static RateLimitWindows ForTier(RateLimitTier tier, double share)
    {
        var full = ForTier(tier);
        return new(Scale(full.Burst, share), Scale(full.Steady, share));
    }

    private static int Scale(int limit, double share) => Math.Max(1, (int)Math.Floor(limit * share));
}
