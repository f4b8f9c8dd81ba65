namespace Klaviyo.Actions.Mapping;

/// <summary>Options of a <see cref="KlaviyoDestination"/>.</summary>
public sealed class KlaviyoDestinationOptions
{
    private const int MaxConcurrencyLimit = 10_000;
    private int _maxConcurrency = 4;

    /// <summary>
    /// How many events are processed at once when routing many (default 4, at most 10,000). Events of the same user
    /// (<c>userId</c>, else <c>anonymousId</c>) are always processed one after another in input order. With a
    /// batching dispatcher an event holds its slot until its batch is answered, so this also bounds how full a batch
    /// can get: raise it (to Klaviyo's 1,000 or 10,000 per request) when request count matters more than memory.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1 or above 10,000.</exception>
    public int MaxConcurrency
    {
        get => _maxConcurrency;
        set => _maxConcurrency = value is >= 1 and <= MaxConcurrencyLimit ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConcurrency must be between 1 and 10000.");
    }

    /// <summary>How actions are sent; a <see cref="KlaviyoClientDispatcher"/> over the destination's client when <see langword="null"/>.</summary>
    public IKlaviyoActionDispatcher? Dispatcher { get; set; }

    /// <summary>The clock handed to request validation (time-window rules); the system clock when <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
