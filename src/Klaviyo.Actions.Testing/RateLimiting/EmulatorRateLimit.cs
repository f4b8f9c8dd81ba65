namespace Klaviyo.Actions.Testing;

/// <summary>The two fixed windows of one rate-limit tier: a burst window of one second and a steady window of one minute.</summary>
public sealed record EmulatorRateLimit
{
    /// <summary>Creates a limit.</summary>
    /// <param name="perSecond">Requests allowed per one-second window; at least 1.</param>
    /// <param name="perMinute">Requests allowed per one-minute window; at least 1.</param>
    public EmulatorRateLimit(int perSecond, int perMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute);
        PerSecond = perSecond;
        PerMinute = perMinute;
    }

    /// <summary>Requests allowed per one-second (burst) window.</summary>
    public int PerSecond { get; }

    /// <summary>Requests allowed per one-minute (steady) window.</summary>
    public int PerMinute { get; }
}
