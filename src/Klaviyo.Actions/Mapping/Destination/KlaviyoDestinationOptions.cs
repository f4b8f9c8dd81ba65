namespace Klaviyo.Actions.Mapping;

/// <summary>Options of a <see cref="KlaviyoDestination"/>.</summary>
public sealed class KlaviyoDestinationOptions
{
    /// <summary>The default <see cref="MaxConcurrency"/> when actions are sent one by one.</summary>
    public const int DefaultMaxConcurrency = 4;

    /// <summary>
    /// The default <see cref="MaxConcurrency"/> when the dispatcher waits on a batching queue
    /// (<see cref="Batching.KlaviyoBatchingDispatcher"/>): Klaviyo's 1,000 events or subscriptions per request.
    /// </summary>
    public const int DefaultBatchingMaxConcurrency = 1_000;

    private const int MaxConcurrencyLimit = 10_000;
    private int? _maxConcurrency;

    /// <summary>
    /// How many events are processed at once when routing many (at most 10,000). Events of the same user
    /// (<c>userId</c>, else <c>anonymousId</c>) are always processed one after another in input order. With a
    /// batching dispatcher an event holds its slot until its batch is answered, so this also bounds how full a batch
    /// can get. Defaults to <see cref="DefaultBatchingMaxConcurrency"/> (1,000) with a batching dispatcher and to
    /// <see cref="DefaultMaxConcurrency"/> (4) otherwise. With a batching dispatcher, 4 events in flight would
    /// send bulk requests of at most 4 items: 100,000 mixed events took 101,312 requests that way, against 42,981 at
    /// 1,000. Each event in flight keeps its parsed JSON (about its own size) until its outcome: lower it for very
    /// large events, raise it to 10,000 for the fullest profile imports when memory allows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1 or above 10,000.</exception>
    public int MaxConcurrency
    {
        get => _maxConcurrency ?? (Dispatcher is IDispatchStallListener ? DefaultBatchingMaxConcurrency : DefaultMaxConcurrency);
        set => _maxConcurrency = value is >= 1 and <= MaxConcurrencyLimit ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConcurrency must be between 1 and 10000.");
    }

    /// <summary>How actions are sent; a <see cref="KlaviyoClientDispatcher"/> over the destination's client when <see langword="null"/>.</summary>
    public IKlaviyoActionDispatcher? Dispatcher { get; set; }

    /// <summary>The clock handed to request validation (time-window rules); the system clock when <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
