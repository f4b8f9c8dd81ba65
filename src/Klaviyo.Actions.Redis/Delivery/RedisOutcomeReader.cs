using Klaviyo.Actions.Redis.Delivery.Internal;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>
/// The cluster's view: the outcome stream every process records into, the counters hash (<c>accepted</c>,
/// <c>status:delivered</c>, <c>action:trackEvent:sent</c>, ...) and the messages outstanding. Any process can read it.
/// </summary>
public sealed class RedisOutcomeReader
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisDeliveryKeys _keys;
    private readonly RedisKey[] _streamKeys;

    /// <summary>Creates the reader.</summary>
    /// <param name="redis">The connection.</param>
    /// <param name="options">The deployment's options.</param>
    public RedisOutcomeReader(IConnectionMultiplexer redis, RedisDeliveryOptions options)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _keys = new RedisDeliveryKeys(options.KeyPrefix, options.Partitions);
        _streamKeys = [.. _keys.Streams];
    }

    /// <summary>Reads outcomes recorded after <paramref name="afterId"/> (from the start when null), oldest first.</summary>
    /// <param name="afterId">The last outcome entry id already read.</param>
    /// <param name="count">How many at most.</param>
    /// <param name="cancellationToken">Checked before the call.</param>
    /// <exception cref="RedisException">Redis could not be reached.</exception>
    public async Task<IReadOnlyList<RedisOutcomeEntry>> ReadAsync(string? afterId = null, int count = 1000, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await _redis.GetDatabase().StreamRangeAsync(_keys.Outcomes, afterId is null ? "-" : "(" + afterId, "+", count).ConfigureAwait(false);
        return [.. entries.Select(e => new RedisOutcomeEntry(
            e.Id.ToString(),
            e["id"].ToString(),
            e["status"].ToString(),
            e["reason"].ToString(),
            e["entry"].ToString(),
            e["consumer"].ToString()))];
    }

    /// <summary>The cluster's counters since the deployment's keys were created.</summary>
    /// <param name="cancellationToken">Checked before the call.</param>
    /// <exception cref="RedisException">Redis could not be reached.</exception>
    public async Task<IReadOnlyDictionary<string, long>> GetCountersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await _redis.GetDatabase().HashGetAllAsync(_keys.Counters).ConfigureAwait(false);
        return fields.ToDictionary(f => f.Name.ToString(), f => (long)f.Value, StringComparer.Ordinal);
    }

    /// <summary>Messages stored and without a recorded outcome, across every partition.</summary>
    /// <param name="cancellationToken">Checked before the call.</param>
    /// <exception cref="RedisException">Redis could not be reached.</exception>
    public async Task<long> GetOutstandingAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return (long)await _redis.GetDatabase().ScriptEvaluateAsync(DeliveryScripts.Outstanding, _streamKeys).ConfigureAwait(false);
    }

    /// <summary>How many messages wait in the dead-letter stream.</summary>
    /// <param name="cancellationToken">Checked before the call.</param>
    /// <exception cref="RedisException">Redis could not be reached.</exception>
    public async Task<long> GetDeadLetterCountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await _redis.GetDatabase().StreamLengthAsync(_keys.DeadLetters).ConfigureAwait(false);
    }
}
