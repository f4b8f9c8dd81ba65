namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>
/// Durable delivery on Redis Streams: where the messages live, how many processes share them and how hard a message
/// is retried. Every process of one deployment must use the same <see cref="KeyPrefix"/> and <see cref="Partitions"/>.
/// </summary>
public sealed class RedisDeliveryOptions
{
    /// <summary>The configuration section read by <c>AddRedisDelivery(IConfiguration)</c> callers, by convention.</summary>
    public const string SectionName = "Redis:Delivery";

    /// <summary>
    /// The StackExchange.Redis configuration string (<c>host:port,password=...</c>) used when no
    /// <c>IConnectionMultiplexer</c> is given. Never logged.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// The hash tag every key starts with (written as <c>{KeyPrefix}</c>), so all keys of one deployment live in one
    /// cluster slot and the Lua scripts stay cluster-safe. Default <c>klaviyo-actions</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "klaviyo-actions";

    /// <summary>How many streams messages are spread over by a hash of the person key (default 16). Fixed per deployment.</summary>
    public int Partitions { get; set; } = 16;

    /// <summary>
    /// Messages accepted and without a recorded outcome, across every partition, above which a call is refused as a
    /// whole (the cap; default 100,000). Entries are never trimmed: a full queue answers "full" instead.
    /// </summary>
    public int MaxOutstanding { get; set; } = 100_000;

    /// <summary>The consumer group every process reads with (default <c>delivery</c>).</summary>
    public string ConsumerGroup { get; set; } = "delivery";

    /// <summary>This process's consumer name; a unique one (host, process id, random suffix) when empty.</summary>
    public string? ConsumerName { get; set; }

    /// <summary>How long a partition lease lasts without renewal (default 10 s); a crashed process's partitions are taken over after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Entries pending longer than this on a partition this process owns are claimed again as a safety net (default 2 min).</summary>
    public TimeSpan ClaimIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries after which an entry without a final outcome goes to the dead-letter stream (default 5).</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>The first wait before a transiently failed message is routed again; doubles per delivery up to <see cref="MaxRetryDelay"/> (default 5 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two deliveries of one message (default 5 min).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Entries read per partition and round trip (default 500).</summary>
    public int ReadBatchSize { get; set; } = 500;

    /// <summary>Messages a process holds (read, not yet recorded) at most (default 20,000).</summary>
    public int MaxInFlight { get; set; } = 20_000;

    /// <summary>How long the reader waits before asking again when its partitions were empty (default 100 ms).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Outcomes recorded per script call at most (default 500).</summary>
    public int RecordBatchSize { get; set; } = 500;

    /// <summary>Approximate length the outcome stream is kept at (<c>MAXLEN ~</c>; default 1,000,000).</summary>
    public long OutcomeStreamMaxLength { get; set; } = 1_000_000;

    /// <summary>How long a call waits for room when the queue is at its cap (the web sample uses its own EnqueueTimeout).</summary>
    public TimeSpan EnqueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the options; throws naming the option and the rule.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(KeyPrefix) && !KeyPrefix.Contains('{', StringComparison.Ordinal) && !KeyPrefix.Contains('}', StringComparison.Ordinal),
            nameof(KeyPrefix), "must be non-empty and without braces");
        Require(Partitions is >= 1 and <= 1024, nameof(Partitions), "must be between 1 and 1024");
        Require(MaxOutstanding >= 1, nameof(MaxOutstanding), "must be at least 1");
        Require(!string.IsNullOrWhiteSpace(ConsumerGroup), nameof(ConsumerGroup), "must be non-empty");
        Require(LeaseDuration >= TimeSpan.FromMilliseconds(300), nameof(LeaseDuration), "must be at least 300 ms");
        Require(ClaimIdleTimeout > TimeSpan.Zero, nameof(ClaimIdleTimeout), "must be positive");
        Require(MaxDeliveries >= 1, nameof(MaxDeliveries), "must be at least 1");
        Require(RetryDelay >= TimeSpan.Zero && MaxRetryDelay >= RetryDelay, nameof(RetryDelay), "must be between 0 and MaxRetryDelay");
        Require(ReadBatchSize >= 1, nameof(ReadBatchSize), "must be at least 1");
        Require(MaxInFlight >= 1, nameof(MaxInFlight), "must be at least 1");
        Require(PollInterval > TimeSpan.Zero, nameof(PollInterval), "must be positive");
        Require(RecordBatchSize >= 1, nameof(RecordBatchSize), "must be at least 1");
        Require(OutcomeStreamMaxLength >= 1, nameof(OutcomeStreamMaxLength), "must be at least 1");
        Require(EnqueueTimeout >= TimeSpan.Zero, nameof(EnqueueTimeout), "must not be negative");
    }

    /// <inheritdoc />
    public override string ToString() => $"Redis delivery: prefix {{{KeyPrefix}}}, {Partitions} partitions, cap {MaxOutstanding}";

    private static void Require(bool condition, string option, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"RedisDeliveryOptions.{option} {rule}.", option);
        }
    }
}
