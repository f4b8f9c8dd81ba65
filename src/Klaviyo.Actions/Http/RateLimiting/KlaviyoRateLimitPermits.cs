namespace Klaviyo.Actions;

/// <summary>The permit rule shared by Klaviyo's rate limiters: one call takes exactly one slot.</summary>
internal static class KlaviyoRateLimitPermits
{
    /// <summary>Throws unless <paramref name="permitCount"/> is 1.</summary>
    /// <param name="permitCount">The permits asked for.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is not 1.</exception>
    public static void ThrowIfNotOne(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "A Klaviyo rate limiter grants one slot per call: permitCount must be 1.");
        }
    }
}
