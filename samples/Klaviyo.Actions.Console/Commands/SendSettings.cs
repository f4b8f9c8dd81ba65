namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>What <c>send</c> was asked to do, as read from its command line.</summary>
/// <param name="Input">A file of events (JSON lines or one JSON array), or <c>-</c> for standard input.</param>
/// <param name="Mappings">A destination configuration in Segment's JSON, or null for Segment's defaults.</param>
/// <param name="ApiKey">The key from <c>--api-key</c>, or null (then <c>KLAVIYO_API_KEY</c>, the mapping file's, or the emulator).</param>
/// <param name="BaseUrl">Another Klaviyo-compatible address (needs a key), or null.</param>
/// <param name="Report">Where to write every event's outcomes as JSON, or null.</param>
/// <param name="RateLimits">Apply Klaviyo's rate limits on the built-in emulator too.</param>
/// <param name="BatchDelay">How long the background queue waits to fill a batch.</param>
internal sealed record SendSettings(
    string Input,
    string? Mappings = null,
    string? ApiKey = null,
    string? BaseUrl = null,
    string? Report = null,
    bool RateLimits = false,
    TimeSpan? BatchDelay = null);
