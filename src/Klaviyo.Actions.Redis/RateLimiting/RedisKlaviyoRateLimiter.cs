using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Klaviyo.Actions.Redis.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis;

/// <summary>
/// Klaviyo's per-account rate limits shared by every process through Redis: the burst and steady windows of each
/// endpoint checked and reserved atomically by a Lua script, so clients in any number of processes together stay within
/// the account's limits. A <see cref="PartitionedRateLimiter{TResource}"/> keyed by <see cref="KlaviyoRateLimitRequest"/>
/// (account and endpoint), keeping the contract described there; give it to <c>new KlaviyoClient(options, limiter)</c>
/// or register it with <c>AddKlaviyoActions(...).AddRedisRateLimiting(...)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Time comes from the <see cref="TimeProvider"/> given (the system clock by default): every process stamps its grants
/// with its own UTC clock, so the processes' clocks must agree (NTP keeps them within milliseconds). A process whose clock
/// runs ahead by <c>d</c> forgets grants <c>d</c> early and can let a window hold a few grants more than the limit for
/// up to <c>d</c>; one that runs behind is only more careful. Klaviyo's own windows are a second wide, so a skew of a few
/// milliseconds does not matter.
/// </para>
/// <para>
/// While Redis cannot be reached, <see cref="RedisRateLimitingOptions.WhenRedisUnavailable"/> decides: fail closed
/// (<see cref="KlaviyoRateLimiterUnavailableException"/>, nothing sent) or fall back to an in-process limiter with the
/// limits divided by <see cref="RedisRateLimitingOptions.InstanceCount"/>. The outage is logged once when it starts and
/// once when Redis answers again; the health check (<c>AddKlaviyoRedisRateLimiting</c>) reports it. Grants made by the
/// fallback are not known to Redis afterwards (and the other way round), so the minute around a switch can exceed the
/// limits a little; Klaviyo then answers 429 and the client's retry honours Retry-After.
/// </para>
/// </remarks>
public sealed class RedisKlaviyoRateLimiter : PartitionedRateLimiter<KlaviyoRateLimitRequest>
{
    private readonly RedisConnectionSource _connection;
    private readonly RedisRateLimitingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly RedisAvailability _availability;
    private readonly KlaviyoInProcessRateLimiter _fallback;
    private long _successful;
    private long _failed;
    private int _disposed;

    /// <summary>Creates a limiter over a caller's Redis connection (the caller keeps owning it).</summary>
    /// <param name="redis">The connection.</param>
    /// <param name="options">Key prefix and outage behaviour; the defaults when <see langword="null"/>. <see cref="RedisRateLimitingOptions.Configuration"/> is not used.</param>
    /// <param name="timeProvider">The clock of grants and waits; the system clock when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs outages; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public RedisKlaviyoRateLimiter(IConnectionMultiplexer redis, RedisRateLimitingOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(RedisConnectionSource.Borrow(redis ?? throw new ArgumentNullException(nameof(redis))), options ?? new RedisRateLimitingOptions(), needsConfiguration: false, timeProvider, loggerFactory)
    {
    }

    /// <summary>Creates a limiter over a connection it opens from <see cref="RedisRateLimitingOptions.Configuration"/> and owns.</summary>
    /// <param name="options">The configuration string, key prefix and outage behaviour.</param>
    /// <param name="timeProvider">The clock of grants and waits; the system clock when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs outages; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid or the configuration is missing (the message names it).</exception>
    public RedisKlaviyoRateLimiter(RedisRateLimitingOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(OpenChecked(options), options, needsConfiguration: true, timeProvider, loggerFactory)
    {
    }

    private RedisKlaviyoRateLimiter(RedisConnectionSource connection, RedisRateLimitingOptions options, bool needsConfiguration, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        RedisRateLimitingOptionsRules.ThrowIfInvalid(options, needsConfiguration, nameof(options));
        _connection = connection;
        _options = Copy(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _availability = new RedisAvailability(_options, _timeProvider, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisKlaviyoRateLimiter>());
        _fallback = new KlaviyoInProcessRateLimiter(_timeProvider);
    }

    /// <summary>What calls do while Redis cannot be reached.</summary>
    public RedisUnavailableBehavior WhenRedisUnavailable => _options.WhenRedisUnavailable;

    /// <summary>How many processes share the account (the divisor of the fallback's limits).</summary>
    public int InstanceCount => _options.InstanceCount;

    /// <summary>
    /// Whether Redis is unreachable now: the last call could not reach it, or the connection is down. Calls then fail
    /// closed or fall back, as configured.
    /// </summary>
    public bool IsRedisUnavailable => _availability.IsDown || _connection.Current is { IsConnected: false };

    /// <summary>Totals of granted and refused slots of this limiter (fallback included).</summary>
    /// <param name="resource">Ignored.</param>
    /// <returns>The totals; available permits are per endpoint and window, reported as zero.</returns>
    public override RateLimiterStatistics? GetStatistics(KlaviyoRateLimitRequest resource) => new()
    {
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    /// <summary>The Redis key of an account's endpoint.</summary>
    internal RedisKey KeyFor(KlaviyoRateLimitRequest request) => _options.KeyPrefix + request.Account + ":" + request.Endpoint;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(KlaviyoRateLimitRequest resource, int permitCount)
    {
        Check(resource, permitCount);
        var redis = _connection.Current;
        if (redis is not { IsConnected: true })
        {
            return Count(Unavailable(resource, null, static (fallback, request) => fallback.AttemptAcquire(request)));
        }

        try
        {
            var result = SlidingWindowScript.Read(redis.GetDatabase().ScriptEvaluate(SlidingWindowScript.Source, [KeyFor(resource)], SlidingWindowScript.Arguments(NowMs(), resource.Limits, TimeSpan.Zero, NewMember())));
            _availability.MarkUp();
            return Count(result.Reserved ? KlaviyoRateLimitLease.Acquired(TimeSpan.Zero) : KlaviyoRateLimitLease.Refused(result.Wait));
        }
        catch (RedisException ex)
        {
            return Count(Unavailable(resource, ex, static (fallback, request) => fallback.AttemptAcquire(request)));
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(KlaviyoRateLimitRequest resource, int permitCount, CancellationToken cancellationToken)
    {
        Check(resource, permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        var redis = await _connection.GetAsync().ConfigureAwait(false);
        if (redis is not { IsConnected: true })
        {
            return Count(await FallBackAsync(resource, null, cancellationToken).ConfigureAwait(false));
        }

        var db = redis.GetDatabase();
        var key = KeyFor(resource);
        string member = NewMember();
        SlidingWindowScript.Result result;
        try
        {
            result = SlidingWindowScript.Read(await db.ScriptEvaluateAsync(
                SlidingWindowScript.Source,
                [key],
                SlidingWindowScript.Arguments(NowMs(), resource.Limits, resource.MaxWait, member)).ConfigureAwait(false));
        }
        catch (RedisException ex)
        {
            return Count(await FallBackAsync(resource, ex, cancellationToken).ConfigureAwait(false));
        }

        _availability.MarkUp();
        if (!result.Reserved)
        {
            return Count(KlaviyoRateLimitLease.Refused(result.Wait));
        }

        if (result.Wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(result.Wait, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await ReleaseAsync(db, key, member).ConfigureAwait(false);
                throw;
            }
        }

        return Count(KlaviyoRateLimitLease.Acquired(result.Wait));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && disposing)
        {
            _fallback.Dispose();
            _connection.Dispose();
        }

        base.Dispose(disposing);
    }

    private static RedisConnectionSource OpenChecked(RedisRateLimitingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RedisRateLimitingOptionsRules.ThrowIfInvalid(options, needsConfiguration: true, nameof(options));
        return RedisConnectionSource.Open(options.Configuration!);
    }

    private static RedisRateLimitingOptions Copy(RedisRateLimitingOptions options) => new()
    {
        Configuration = options.Configuration,
        KeyPrefix = options.KeyPrefix,
        WhenRedisUnavailable = options.WhenRedisUnavailable,
        InstanceCount = options.InstanceCount,
    };

    private static string NewMember() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    private static async ValueTask ReleaseAsync(IDatabase db, RedisKey key, string member)
    {
        try
        {
            await db.SortedSetRemoveAsync(key, member).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // The reservation ages out of the log within a minute; it only made later calls wait a little longer.
        }
    }

    private void Check(KlaviyoRateLimitRequest resource, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "A Klaviyo rate limiter grants one slot per call: permitCount must be 1.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
    }

    private long NowMs() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private async ValueTask<RateLimitLease> FallBackAsync(KlaviyoRateLimitRequest resource, Exception? cause, CancellationToken cancellationToken)
    {
        var local = Unavailable(resource, cause, static (_, request) => request);
        return await _fallback.AcquireAsync(local, 1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the outage, then fails closed or hands a request with the divided limits to <paramref name="fallBack"/>.</summary>
    private T Unavailable<T>(KlaviyoRateLimitRequest resource, Exception? cause, Func<KlaviyoInProcessRateLimiter, KlaviyoRateLimitRequest, T> fallBack)
    {
        _availability.MarkDown(cause);
        if (_options.WhenRedisUnavailable == RedisUnavailableBehavior.FailClosed)
        {
            throw new KlaviyoRateLimiterUnavailableException(resource.Endpoint, cause);
        }

        var local = new KlaviyoRateLimitRequest(resource.Account, resource.Endpoint, resource.Limits.DividedBy(_options.InstanceCount), resource.MaxWait);
        return fallBack(_fallback, local);
    }

    private RateLimitLease Count(RateLimitLease lease)
    {
        Interlocked.Increment(ref lease.IsAcquired ? ref _successful : ref _failed);
        return lease;
    }
}
