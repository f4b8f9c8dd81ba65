namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>
/// The Lua scripts: each runs atomically on the one slot all keys share (hash tag), so a call's messages are kept all
/// or none and an outcome is recorded exactly once.
/// </summary>
internal static class DeliveryScripts
{
    /// <summary>
    /// KEYS: counters, then every partition stream. ARGV: cap, n, then per message partition (0-based), message id,
    /// JSON. Adds all n messages when the entries outstanding (sum of the streams' lengths: recorded entries are
    /// deleted) plus n stay within the cap, or when nothing is outstanding; returns 1, else 0 and adds nothing.
    /// </summary>
    public const string Enqueue = """
        local outstanding = 0
        for i = 2, #KEYS do outstanding = outstanding + redis.call('XLEN', KEYS[i]) end
        local n = tonumber(ARGV[2])
        if outstanding > 0 and outstanding + n > tonumber(ARGV[1]) then return 0 end
        for i = 0, n - 1 do
          local b = 3 + i * 3
          redis.call('XADD', KEYS[tonumber(ARGV[b]) + 2], '*', 'id', ARGV[b + 1], 'm', ARGV[b + 2])
        end
        redis.call('HINCRBY', KEYS[1], 'accepted', n)
        return 1
        """;

    /// <summary>KEYS: every partition stream. Returns the sum of their lengths (entries without a recorded outcome).</summary>
    public const string Outstanding = """
        local outstanding = 0
        for i = 1, #KEYS do outstanding = outstanding + redis.call('XLEN', KEYS[i]) end
        return outstanding
        """;

    /// <summary>
    /// KEYS: outcomes, counters, dead letters, then the streams named by the entries. ARGV: group, consumer, outcome
    /// stream MAXLEN, n, then per entry: stream (index into KEYS), entry id, message id, status, reason, counters to
    /// add (comma separated), dead-letter payload (empty when not dead-lettered). Per entry: XACK; only when it
    /// acknowledged the entry (1) the outcome is added, counted, dead-lettered if asked, and the entry deleted.
    /// Returns one 1 (recorded) or 0 (an earlier delivery already recorded it) per entry.
    /// </summary>
    public const string Record = """
        local group, consumer, maxlen, n = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
        local recorded = {}
        for i = 0, n - 1 do
          local b = 5 + i * 7
          local stream, id = KEYS[tonumber(ARGV[b])], ARGV[b + 1]
          if redis.call('XACK', stream, group, id) == 1 then
            local mid, status, reason, counters, dead = ARGV[b + 2], ARGV[b + 3], ARGV[b + 4], ARGV[b + 5], ARGV[b + 6]
            if dead ~= '' then
              redis.call('XADD', KEYS[3], '*', 'id', mid, 'reason', reason, 'entry', id, 'stream', stream, 'consumer', consumer, 'm', dead)
            end
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', maxlen, '*', 'id', mid, 'status', status, 'reason', reason, 'entry', id, 'consumer', consumer)
            for counter in string.gmatch(counters, '[^,]+') do redis.call('HINCRBY', KEYS[2], counter, 1) end
            redis.call('XDEL', stream, id)
            recorded[i + 1] = 1
          else
            recorded[i + 1] = 0
          end
        end
        return recorded
        """;

    /// <summary>
    /// KEYS: the live-consumer set. ARGV: consumer, time to live (ms), whether to leave (1). Refreshes this consumer's
    /// heartbeat (or removes it), forgets expired ones and returns how many are live (Redis's clock).
    /// </summary>
    public const string Heartbeat = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if ARGV[3] == '1' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1]) end
        return redis.call('ZCARD', KEYS[1])
        """;

    /// <summary>
    /// KEYS: lease keys. ARGV: consumer, lease (ms), mode. Mode <c>renew</c>: per key, 1 when this consumer holds it
    /// (extended, or taken again when free), else 0. Mode <c>acquire</c>: takes free leases in order until ARGV[4]
    /// were taken; 1 per key taken. Mode <c>release</c>: deletes the keys this consumer holds.
    /// </summary>
    public const string Leases = """
        local me, ms, mode = ARGV[1], ARGV[2], ARGV[3]
        local result = {}
        local wanted = tonumber(ARGV[4] or '0')
        local taken = 0
        for i = 1, #KEYS do
          local holder = redis.call('GET', KEYS[i])
          result[i] = 0
          if mode == 'renew' then
            if holder == me then redis.call('PEXPIRE', KEYS[i], ms); result[i] = 1
            elseif not holder then redis.call('SET', KEYS[i], me, 'PX', ms); result[i] = 1 end
          elseif mode == 'acquire' then
            if taken < wanted and not holder then redis.call('SET', KEYS[i], me, 'PX', ms); result[i] = 1; taken = taken + 1 end
          elseif holder == me then
            redis.call('DEL', KEYS[i]); result[i] = 1
          end
        end
        return result
        """;
}
