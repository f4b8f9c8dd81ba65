using System.Collections.Concurrent;

namespace Klaviyo.Actions.Http;

/// <summary>
/// The per-options parts of every request: the base address with a trailing slash, the <c>Authorization</c>
/// value and the revision. Built once per options instance instead of once per request; a new options instance
/// (a rotated key, a changed base address) builds a new target on its next request.
/// </summary>
internal sealed class RequestTarget
{
    /// <summary>The most addresses one target keeps.</summary>
    internal const int MaxCachedAddresses = 256;

    private readonly string? _apiKey;
    private readonly Uri _baseAddressSource;

    // Paths with ids (a list, a profile) vary, so the map is bounded; the fixed endpoints fill it first.
    private readonly ConcurrentDictionary<string, (Uri Uri, string Path)> _addresses = new(StringComparer.Ordinal);
    private int _addressCount;

    private RequestTarget(KlaviyoClientOptions options)
    {
        Options = options;
        _apiKey = options.ApiKey;
        _baseAddressSource = options.BaseAddress;
        BaseAddress = WithTrailingSlash(options.BaseAddress);
        Authorization = "Klaviyo-API-Key " + options.ApiKey;
        Revision = options.Revision;
    }

    /// <summary>The options this target was built from (compared by reference).</summary>
    public KlaviyoClientOptions Options { get; }

    /// <summary>The base address, ending with <c>/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The <c>Authorization</c> header value. Secret: never logged.</summary>
    public string Authorization { get; }

    /// <summary>The <c>revision</c> header value.</summary>
    public string Revision { get; }

    /// <summary>
    /// The absolute address of <paramref name="pathAndQuery"/> under <see cref="BaseAddress"/> and its path without
    /// query. Addresses without a query are built once and shared (a <see cref="Uri"/> is immutable); ones with a
    /// query, and any beyond the first <see cref="MaxCachedAddresses"/>, are built per call.
    /// </summary>
    /// <param name="pathAndQuery">The path under the host with an encoded query, e.g. <c>api/events</c>.</param>
    public (Uri Uri, string Path) Resolve(string pathAndQuery)
    {
        if (_addresses.TryGetValue(pathAndQuery, out var known))
        {
            return known;
        }

        var uri = new Uri(BaseAddress, pathAndQuery);
        var resolved = (uri, uri.AbsolutePath);
        if (!pathAndQuery.Contains('?', StringComparison.Ordinal) &&
            Volatile.Read(ref _addressCount) < MaxCachedAddresses &&
            _addresses.TryAdd(pathAndQuery, resolved))
        {
            Interlocked.Increment(ref _addressCount);
        }

        return resolved;
    }

    /// <summary>Returns the cached target when it was built from <paramref name="options"/>, else builds and caches a new one.</summary>
    /// <param name="cache">The cache slot; read and written without locks (a race only builds one target twice).</param>
    /// <param name="options">The options of this request.</param>
    public static RequestTarget For(ref RequestTarget? cache, KlaviyoClientOptions options)
    {
        var current = Volatile.Read(ref cache);
        if (current is not null && ReferenceEquals(current.Options, options) && current.Matches(options))
        {
            return current;
        }

        var built = new RequestTarget(options);
        Volatile.Write(ref cache, built);
        return built;
    }

    /// <summary>Makes <c>http://proxy/klaviyo</c> behave like <c>http://proxy/klaviyo/</c> when combined with a relative path.</summary>
    private static Uri WithTrailingSlash(Uri baseAddress) =>
        baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");

    /// <summary>Options are mutable: a caller may change the key, address or revision on the same instance.</summary>
    private bool Matches(KlaviyoClientOptions options) =>
        ReferenceEquals(_apiKey, options.ApiKey)
        && ReferenceEquals(_baseAddressSource, options.BaseAddress)
        && ReferenceEquals(Revision, options.Revision);
}
