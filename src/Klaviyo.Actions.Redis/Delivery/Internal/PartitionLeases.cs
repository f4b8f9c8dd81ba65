using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>Where this process stands with one partition.</summary>
internal enum PartitionState
{
    /// <summary>Not held.</summary>
    Free,

    /// <summary>Lease taken; its pending entries are claimed before new ones are read.</summary>
    TakingOver,

    /// <summary>Lease held, new entries read.</summary>
    Reading,

    /// <summary>Lease held, no longer read: released once its entries in flight are recorded.</summary>
    Releasing,
}

/// <summary>
/// One active consumer per partition: a lease key per partition (<c>SET NX PX</c>, renewed), and a share of the
/// partitions per process (partitions ÷ live consumers, rounded up; live consumers counted by heartbeat). A process
/// over its share releases partitions once their entries in flight are recorded; one under it takes free ones.
/// </summary>
internal sealed class PartitionLeases
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisDeliveryKeys _keys;
    private readonly string _consumer;
    private readonly RedisHealth _health;
    private readonly ILogger _logger;
    private readonly PartitionState[] _states;
    private readonly int _offset;
    private readonly long _leaseMs;
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PartitionLeases(IConnectionMultiplexer redis, RedisDeliveryKeys keys, RedisDeliveryOptions options, string consumer, RedisHealth health, ILogger logger)
    {
        _redis = redis;
        _keys = keys;
        _consumer = consumer;
        _health = health;
        _logger = logger;
        _states = new PartitionState[keys.Partitions];
        _offset = (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(consumer)) % (uint)keys.Partitions);
        _leaseMs = (long)options.LeaseDuration.TotalMilliseconds;
    }

    /// <summary>Completes at the next change of any partition's state.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    public PartitionState this[int partition]
    {
        get
        {
            lock (_gate)
            {
                return _states[partition];
            }
        }
    }

    public List<int> InState(PartitionState state)
    {
        lock (_gate)
        {
            return [.. Enumerable.Range(0, _states.Length).Where(p => _states[p] == state)];
        }
    }

    /// <summary>Partitions whose lease this process holds and reads (or is about to).</summary>
    public List<int> Owned()
    {
        lock (_gate)
        {
            return [.. Enumerable.Range(0, _states.Length).Where(p => _states[p] is PartitionState.TakingOver or PartitionState.Reading)];
        }
    }

    /// <summary>Moves a partition from one state to another, if it is still in the first.</summary>
    public bool Move(int partition, PartitionState from, PartitionState to)
    {
        lock (_gate)
        {
            if (_states[partition] != from)
            {
                return false;
            }

            _states[partition] = to;
            Signal();
            return true;
        }
    }

    /// <summary>Heartbeat, renew, then take or give partitions towards this process's share.</summary>
    /// <param name="inFlight">Entries in flight for a partition (a releasing partition waits for 0).</param>
    public async Task TickAsync(Func<int, int> inFlight)
    {
        var db = _redis.GetDatabase();
        long live = (long)await db.ScriptEvaluateAsync(DeliveryScripts.Heartbeat, [_keys.Consumers], [_consumer, _leaseMs, "0"]).ConfigureAwait(false);
        live = Math.Max(1, live);

        var held = Held();
        if (held.Count > 0)
        {
            var kept = await LeaseScriptAsync(db, held, "renew", 0).ConfigureAwait(false);
            var lost = held.Where((_, i) => !kept[i]).ToList();
            if (lost.Count > 0)
            {
                lock (_gate)
                {
                    lost.ForEach(p => _states[p] = PartitionState.Free);
                }

                DeliveryLog.Lost(_logger, _consumer, string.Join(',', lost));
            }
        }

        int share = (int)Math.Ceiling(_keys.Partitions / (double)live);
        var owned = Owned();
        if (owned.Count < share)
        {
            var candidates = Enumerable.Range(0, _keys.Partitions)
                .Select(i => (i + _offset) % _keys.Partitions)
                .Where(p => this[p] == PartitionState.Free)
                .ToList();
            if (candidates.Count > 0)
            {
                var taken = await LeaseScriptAsync(db, candidates, "acquire", share - owned.Count).ConfigureAwait(false);
                var acquired = candidates.Where((_, i) => taken[i]).ToList();
                if (acquired.Count > 0)
                {
                    lock (_gate)
                    {
                        acquired.ForEach(p => _states[p] = PartitionState.TakingOver);
                    }

                    DeliveryLog.Acquired(_logger, _consumer, string.Join(',', acquired.Order()), live);
                }
            }
        }
        else if (owned.Count > share)
        {
            lock (_gate)
            {
                foreach (int p in owned.Where(p => _states[p] == PartitionState.Reading).OrderDescending().Take(owned.Count - share))
                {
                    _states[p] = PartitionState.Releasing;
                }
            }
        }

        var releasable = InState(PartitionState.Releasing).Where(p => inFlight(p) == 0).ToList();
        if (releasable.Count > 0)
        {
            await LeaseScriptAsync(db, releasable, "release", 0).ConfigureAwait(false);
            lock (_gate)
            {
                releasable.ForEach(p => _states[p] = PartitionState.Free);
            }

            DeliveryLog.Released(_logger, _consumer, string.Join(',', releasable), live);
        }

        _health.Succeeded("leases");
        lock (_gate)
        {
            Signal();
        }
    }

    /// <summary>Releases every lease this process holds and leaves the live-consumer set (best effort: leases expire anyway).</summary>
    public async Task ReleaseAllAsync()
    {
        var held = Held();
        lock (_gate)
        {
            Array.Fill(_states, PartitionState.Free);
            Signal();
        }

        var db = _redis.GetDatabase();
        if (held.Count > 0)
        {
            await LeaseScriptAsync(db, held, "release", 0).ConfigureAwait(false);
        }

        await db.ScriptEvaluateAsync(DeliveryScripts.Heartbeat, [_keys.Consumers], [_consumer, _leaseMs, "1"]).ConfigureAwait(false);
    }

    /// <summary>Completes the current change signal (call under the gate).</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private List<int> Held()
    {
        lock (_gate)
        {
            return [.. Enumerable.Range(0, _states.Length).Where(p => _states[p] != PartitionState.Free)];
        }
    }

    private async Task<bool[]> LeaseScriptAsync(IDatabase db, List<int> partitions, string mode, int wanted)
    {
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(
            DeliveryScripts.Leases,
            [.. partitions.Select(_keys.Lease)],
            [_consumer, _leaseMs, mode, wanted]).ConfigureAwait(false))!;
        return [.. result.Select(r => (long)r == 1)];
    }
}
