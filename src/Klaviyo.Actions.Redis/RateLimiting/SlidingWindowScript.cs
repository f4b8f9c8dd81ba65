using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.RateLimiting;

/// <summary>
/// The Lua script that checks and reserves a slot of one endpoint of one account atomically: the Redis form of the core's
/// in-process sliding-window log. One sorted set per endpoint holds the grant times (milliseconds since the Unix epoch,
/// on the callers' clocks) of the last minute, future reservations included; a new call gets the earliest time, at or
/// after now and after the latest reservation, at which no 1-second window holds more than the burst limit and no
/// 60-second window more than the steady limit. That time is reserved only when it is within the caller's maximum wait.
/// </summary>
/// <remarks>
/// Why a script and not the RedisRateLimiting package: Klaviyo needs two windows (burst and steady) checked and reserved
/// together for each call, a reservation in the near future for a caller that will wait (first come, first served, one
/// round trip per call), and the wait until that slot, to honour <c>MaxWait</c> without polling. The package's limiters
/// take one window each and answer only "now or not", so two of them could disagree and callers would poll.
/// </remarks>
internal static class SlidingWindowScript
{
    /// <summary>
    /// KEYS[1]: the sorted set. ARGV: now (ms), burst limit, steady limit, burst window (ms), steady window (ms),
    /// maximum wait (ms), member (a unique token of this reservation). Returns {1, wait ms} when reserved, {0, wait ms}
    /// when the slot is further than the maximum wait (nothing reserved).
    /// </summary>
    public const string Source = """
        local key = KEYS[1]
        local now = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local steady = tonumber(ARGV[3])
        local burstMs = tonumber(ARGV[4])
        local steadyMs = tonumber(ARGV[5])
        local maxWait = tonumber(ARGV[6])
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - steadyMs)
        local count = redis.call('ZCARD', key)
        local slot = now
        if count > 0 then
          local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
          slot = math.max(slot, tonumber(last[2]))
        end
        if count >= burst then
          local nth = redis.call('ZRANGE', key, count - burst, count - burst, 'WITHSCORES')
          slot = math.max(slot, tonumber(nth[2]) + burstMs)
        end
        if count >= steady then
          local nth = redis.call('ZRANGE', key, count - steady, count - steady, 'WITHSCORES')
          slot = math.max(slot, tonumber(nth[2]) + steadyMs)
        end
        local wait = slot - now
        if wait > maxWait then
          return {0, wait}
        end
        redis.call('ZADD', key, slot, ARGV[7])
        redis.call('PEXPIRE', key, wait + steadyMs + 1000)
        return {1, wait}
        """;

    private static readonly long BurstMs = (long)KlaviyoRateLimitWindows.BurstWindow.TotalMilliseconds;
    private static readonly long SteadyMs = (long)KlaviyoRateLimitWindows.SteadyWindow.TotalMilliseconds;

    /// <summary>The outcome of one evaluation.</summary>
    /// <param name="Reserved">Whether the slot was reserved.</param>
    /// <param name="Wait">How far away the slot is.</param>
    public readonly record struct Result(bool Reserved, TimeSpan Wait);

    /// <summary>The script's arguments.</summary>
    public static RedisValue[] Arguments(long nowMs, KlaviyoRateLimitWindows limits, TimeSpan maxWait, string member) =>
    [
        nowMs,
        limits.Burst,
        limits.Steady,
        BurstMs,
        SteadyMs,
        (long)Math.Min(maxWait.TotalMilliseconds, TimeSpan.FromDays(1).TotalMilliseconds),
        member,
    ];

    /// <summary>Reads the script's answer.</summary>
    public static Result Read(RedisResult result)
    {
        var values = (long[])result!;
        return new Result(values[0] == 1, TimeSpan.FromMilliseconds(values[1]));
    }
}
