namespace Klaviyo.Actions;

/// <summary>
/// Configuration of a <see cref="KlaviyoClient"/>. Bound from the <c>Klaviyo</c> configuration section by
/// the DI package. <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class KlaviyoClientOptions
{
    /// <summary>The API revision sent in the <c>revision</c> header unless configured.</summary>
    public const string DefaultRevision = "2026-07-15";

    /// <summary>Klaviyo's API host.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://a.klaviyo.com/");

    /// <summary>The private API key (<c>pk_…</c>). A secret: never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API revision (<c>YYYY-MM-DD</c>, optionally <c>.suffix</c>). Defaults to <c>2026-07-15</c>.</summary>
    public string Revision { get; set; } = DefaultRevision;

    /// <summary>The API host; point it at a proxy or the emulator. Defaults to <c>https://a.klaviyo.com/</c>.</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>Retries and timeouts.</summary>
    public KlaviyoResilienceOptions Resilience { get; set; } = new();

    /// <summary>The client-side rate limiter that keeps calls within Klaviyo's per-account limits.</summary>
    public KlaviyoRateLimitOptions RateLimiting { get; set; } = new();

    /// <summary>Bulk calls and the background queue.</summary>
    public KlaviyoBatchingOptions Batching { get; set; } = new();

    /// <inheritdoc />
    public override string ToString() =>
        $"KlaviyoClientOptions {{ BaseAddress = {BaseAddress}, Revision = {Revision}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "<missing>" : "<redacted>")} }}";
}
