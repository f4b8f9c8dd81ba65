namespace Klaviyo.Actions.Testing;

/// <summary>
/// The two fixed windows (one second, one minute) of one endpoint, aligned to the clock as Klaviyo's are.
/// Rejected requests do not count.
/// </summary>
internal sealed class EndpointRateLimiter
{
    private readonly object _gate = new();
    private long _second = long.MinValue;
    private int _secondCount;
    private long _minute = long.MinValue;
    private int _minuteCount;

    public RateDecision TryAcquire(EmulatorRateLimit limit, DateTimeOffset now)
    {
        long ticks = now.UtcTicks;
        long second = ticks / TimeSpan.TicksPerSecond;
        long minute = ticks / TimeSpan.TicksPerMinute;
        long minuteEnd = (minute + 1) * TimeSpan.TicksPerMinute;
        lock (_gate)
        {
            if (second != _second)
            {
                _second = second;
                _secondCount = 0;
            }

            if (minute != _minute)
            {
                _minute = minute;
                _minuteCount = 0;
            }

            int wait = 0;
            if (_secondCount >= limit.PerSecond)
            {
                wait = CeilingSeconds(((second + 1) * TimeSpan.TicksPerSecond) - ticks);
            }

            if (_minuteCount >= limit.PerMinute)
            {
                wait = Math.Max(wait, CeilingSeconds(minuteEnd - ticks));
            }

            if (wait > 0)
            {
                return new RateDecision(false, wait, limit.PerMinute, 0, CeilingSeconds(minuteEnd - ticks));
            }

            _secondCount++;
            _minuteCount++;
            return new RateDecision(true, 0, limit.PerMinute, limit.PerMinute - _minuteCount, CeilingSeconds(minuteEnd - ticks));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _second = long.MinValue;
            _minute = long.MinValue;
            _secondCount = 0;
            _minuteCount = 0;
        }
    }

    private static int CeilingSeconds(long ticks) => (int)Math.Max(1, (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
}
