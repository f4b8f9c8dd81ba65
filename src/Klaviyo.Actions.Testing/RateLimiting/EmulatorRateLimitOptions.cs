namespace Klaviyo.Actions.Testing;

/// <summary>
/// Klaviyo's per-endpoint rate limits as the emulator enforces them: fixed windows of one second and one minute on the
/// emulator's <see cref="TimeProvider"/>, counted per endpoint; an exceeded window answers <c>429</c> with
/// <c>Retry-After</c> (whole seconds) and a <c>throttled</c> error body. Off by default so tests run at full speed.
/// Every property may be changed while the emulator runs.
/// </summary>
public sealed class EmulatorRateLimitOptions
{
    private volatile bool _enabled;
    private volatile EmulatorRateLimit _extraSmall = new(1, 15);
    private volatile EmulatorRateLimit _small = new(3, 60);
    private volatile EmulatorRateLimit _medium = new(10, 150);
    private volatile EmulatorRateLimit _large = new(75, 750);
    private volatile EmulatorRateLimit _extraLarge = new(350, 3500);

    /// <summary>Whether limits are enforced. Default <see langword="false"/>.</summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>XS tier; default 1/s and 15/min.</summary>
    public EmulatorRateLimit ExtraSmall
    {
        get => _extraSmall;
        set => _extraSmall = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>S tier; default 3/s and 60/min.</summary>
    public EmulatorRateLimit Small
    {
        get => _small;
        set => _small = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>M tier; default 10/s and 150/min.</summary>
    public EmulatorRateLimit Medium
    {
        get => _medium;
        set => _medium = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>L tier; default 75/s and 750/min (revision 2026-01-15 and later).</summary>
    public EmulatorRateLimit Large
    {
        get => _large;
        set => _large = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>XL tier; default 350/s and 3,500/min.</summary>
    public EmulatorRateLimit ExtraLarge
    {
        get => _extraLarge;
        set => _extraLarge = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The limit currently configured for a tier.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The tier's burst and steady limits.</returns>
    public EmulatorRateLimit GetLimit(EmulatorRateLimitTier tier) => tier switch
    {
        EmulatorRateLimitTier.ExtraSmall => ExtraSmall,
        EmulatorRateLimitTier.Small => Small,
        EmulatorRateLimitTier.Medium => Medium,
        EmulatorRateLimitTier.Large => Large,
        EmulatorRateLimitTier.ExtraLarge => ExtraLarge,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown tier."),
    };
}
