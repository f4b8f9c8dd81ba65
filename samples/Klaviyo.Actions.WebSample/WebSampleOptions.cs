namespace Klaviyo.Actions.WebSample;

/// <summary>The <c>WebSample</c> configuration section.</summary>
internal sealed class WebSampleOptions
{
    public const string SectionName = "WebSample";

    /// <summary>Segment write keys accepted as the Basic auth user name (or the body's <c>writeKey</c>).</summary>
    public List<string> WriteKeys { get; set; } = [];

    /// <summary>A destination mappings file in Segment's JSON; Segment's defaults (batched) when empty.</summary>
    public string? MappingsFile { get; set; }

    /// <summary>Messages accepted but not yet routed; a full queue holds callers back instead of dropping.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How long a call waits for room for all its messages in a full queue before it gets 503 (none kept).</summary>
    public TimeSpan EnqueueTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
