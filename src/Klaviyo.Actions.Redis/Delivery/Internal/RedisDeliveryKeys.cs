using System.Globalization;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>
/// Every key of one deployment, all under the hash tag <c>{prefix}</c> so they share a cluster slot: the partition
/// streams, their leases, the live-consumer set, the outcome and dead-letter streams and the counters hash.
/// </summary>
internal sealed class RedisDeliveryKeys
{
    private readonly RedisKey[] _streams;
    private readonly RedisKey[] _leases;

    public RedisDeliveryKeys(string prefix, int partitions)
    {
        string tag = "{" + prefix + "}:";
        _streams = new RedisKey[partitions];
        _leases = new RedisKey[partitions];
        for (int p = 0; p < partitions; p++)
        {
            _streams[p] = tag + "events:" + p.ToString(CultureInfo.InvariantCulture);
            _leases[p] = tag + "lease:" + p.ToString(CultureInfo.InvariantCulture);
        }

        Outcomes = tag + "outcomes";
        DeadLetters = tag + "dead";
        Counters = tag + "stats";
        Consumers = tag + "consumers";
    }

    public int Partitions => _streams.Length;

    /// <summary>The partition streams, in partition order.</summary>
    public IReadOnlyList<RedisKey> Streams => _streams;

    public RedisKey Stream(int partition) => _streams[partition];

    public RedisKey Lease(int partition) => _leases[partition];

    public RedisKey Outcomes { get; }

    public RedisKey DeadLetters { get; }

    public RedisKey Counters { get; }

    /// <summary>Sorted set of live consumers, scored by when their heartbeat expires (ms, Redis clock).</summary>
    public RedisKey Consumers { get; }

    /// <summary>Every key, for deleting a deployment (tests).</summary>
    public IEnumerable<RedisKey> All => [.. _streams, .. _leases, Outcomes, DeadLetters, Counters, Consumers];
}
