namespace Klaviyo.Actions.Http.RateLimiting;

/// <summary>
/// The grant times of one endpoint, oldest first, including reservations in the near future. A new call is
/// given the earliest time at which no 1-second window holds more than the burst limit and no 60-second window
/// more than the steady limit — counting every window, not only Klaviyo's aligned ones, so wherever Klaviyo's
/// fixed windows fall they cannot overflow. Times are <see cref="TimeProvider.GetTimestamp"/> ticks.
/// </summary>
/// <remarks>
/// Callers are served first come, first served: each reservation is at or after the previous one. A
/// reservation given back (the caller was canceled while waiting) only makes later ones more conservative.
/// </remarks>
internal sealed class SlidingWindowLog
{
    private readonly List<long> _grants = [];
    private readonly long _burstTicks;
    private readonly long _steadyTicks;

    /// <summary>Creates an empty log.</summary>
    /// <param name="timestampFrequency">Ticks per second of the timestamps used.</param>
    public SlidingWindowLog(long timestampFrequency)
    {
        _burstTicks = (long)(KlaviyoRateLimitWindows.BurstWindow.TotalSeconds * timestampFrequency);
        _steadyTicks = (long)(KlaviyoRateLimitWindows.SteadyWindow.TotalSeconds * timestampFrequency);
    }

    /// <summary>Grants and reservations currently remembered (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_grants)
            {
                return _grants.Count;
            }
        }
    }

    /// <summary>
    /// Reserves the earliest allowed time at or after <paramref name="now"/>; returns <see langword="null"/> and
    /// reserves nothing when that is more than <paramref name="maxWaitTicks"/> away.
    /// </summary>
    public long? TryReserve(long now, KlaviyoRateLimitWindows limits, long maxWaitTicks)
    {
        lock (_grants)
        {
            Forget(now);
            long slot = EarliestSlot(now, limits);
            if (slot - now > maxWaitTicks)
            {
                return null;
            }

            _grants.Add(slot);
            return slot;
        }
    }

    /// <summary>The earliest allowed time for a new call, without reserving it.</summary>
    public long Peek(long now, KlaviyoRateLimitWindows limits)
    {
        lock (_grants)
        {
            Forget(now);
            return EarliestSlot(now, limits);
        }
    }

    /// <summary>Gives back a reservation that will not be used.</summary>
    public void Release(long slot)
    {
        lock (_grants)
        {
            int index = _grants.LastIndexOf(slot);
            if (index >= 0)
            {
                _grants.RemoveAt(index);
            }
        }
    }

    private long EarliestSlot(long now, KlaviyoRateLimitWindows limits)
    {
        int count = _grants.Count;
        long slot = now;
        if (count > 0)
        {
            // Never before the last reservation: keeps the log sorted and the queue fair.
            slot = Math.Max(slot, _grants[count - 1]);
        }

        // With the log sorted and slot >= every entry, the window (slot - W, slot] holds fewer than N grants
        // exactly when the N-th most recent grant is at or before slot - W.
        if (count >= limits.Burst)
        {
            slot = Math.Max(slot, _grants[count - limits.Burst] + _burstTicks);
        }

        if (count >= limits.Steady)
        {
            slot = Math.Max(slot, _grants[count - limits.Steady] + _steadyTicks);
        }

        return slot;
    }

    /// <summary>Drops grants no future window can contain.</summary>
    private void Forget(long now)
    {
        long horizon = now - _steadyTicks;
        int stale = 0;
        while (stale < _grants.Count && _grants[stale] <= horizon)
        {
            stale++;
        }

        if (stale > 0)
        {
            _grants.RemoveRange(0, stale);
        }
    }
}
