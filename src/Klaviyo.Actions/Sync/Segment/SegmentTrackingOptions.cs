namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// Where and how the Klaviyo → Segment sync calls Segment's HTTP tracking API (<c>POST /v1/batch</c>).
/// <see cref="ToString"/> never shows the write key.
/// </summary>
public sealed class SegmentTrackingOptions
{
    /// <summary>Segment's US base address.</summary>
    public static readonly Uri UsBaseAddress = new("https://api.segment.io/");

    /// <summary>Segment's EU base address.</summary>
    public static readonly Uri EuBaseAddress = new("https://events.eu1.segmentapis.com/");

    /// <summary>
    /// The source's write key, sent as the HTTP Basic user name with an empty password. Required; a secret, never
    /// logged.
    /// </summary>
    public string? WriteKey { get; set; }

    /// <summary>The region preset; <see cref="SegmentRegion.Us"/> by default. Ignored when <see cref="BaseAddress"/> is set.</summary>
    public SegmentRegion Region { get; set; } = SegmentRegion.Us;

    /// <summary>
    /// A custom base address (a proxy, or anything speaking Segment's tracking API such as the web sample); the region's
    /// address when <see langword="null"/>. <c>v1/batch</c> is resolved below it.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Attempts per batch, 1 to 20 (default 6): 429, 408, 5xx and network errors are retried.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first backoff when Segment sends no <c>Retry-After</c>, doubled on each retry (default 1 second).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a retry, also capping <c>Retry-After</c> (default 5 minutes).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether request bodies are gzip-compressed (<c>Content-Encoding: gzip</c>, default true).</summary>
    public bool CompressRequests { get; set; } = true;

    /// <summary>The base address used: <see cref="BaseAddress"/>, else the <see cref="Region"/>'s.</summary>
    public Uri EffectiveBaseAddress => BaseAddress ?? (Region == SegmentRegion.Eu ? EuBaseAddress : UsBaseAddress);

    /// <inheritdoc />
    public override string ToString() =>
        $"SegmentTrackingOptions {{ WriteKey = {(string.IsNullOrEmpty(WriteKey) ? "<none>" : "***")}, BaseAddress = {EffectiveBaseAddress}, MaxAttempts = {MaxAttempts} }}";

    /// <summary>Every problem with these options, by option name.</summary>
    internal IEnumerable<string> Problems(string prefix)
    {
        if (string.IsNullOrWhiteSpace(WriteKey))
        {
            yield return $"{prefix}WriteKey is required: the Segment source's write key.";
        }

        if (BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)))
        {
            yield return $"{prefix}BaseAddress must be an absolute http(s) address.";
        }

        if (!Enum.IsDefined(Region))
        {
            yield return $"{prefix}Region must be Us or Eu.";
        }

        if (MaxAttempts is < 1 or > 20)
        {
            yield return $"{prefix}MaxAttempts must be between 1 and 20.";
        }

        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            yield return $"{prefix}InitialBackoff must not be negative and MaxBackoff must not be below it.";
        }
    }
}
