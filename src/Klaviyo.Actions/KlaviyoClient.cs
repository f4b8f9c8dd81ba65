using System.Threading.RateLimiting;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions;

/// <summary>
/// The default <see cref="IKlaviyoClient"/> over Klaviyo's REST API. Thread-safe; create one per API key
/// and keep it (or let <c>AddKlaviyoActions()</c> manage it).
/// </summary>
public partial class KlaviyoClient : IKlaviyoClient
{
    private static readonly Lazy<HttpMessageHandler> SharedHandler = new(() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    });

    private readonly KlaviyoTransport _transport;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<KlaviyoClientOptions>? _options;

    /// <summary>
    /// Creates a client with its own resilience pipeline and its own in-process rate limiter over a process-wide pooled
    /// connection handler. Clients created this way do not share rate limits; to share, give them one limiter.
    /// </summary>
    /// <param name="options">The options (API key, revision, base address, resilience).</param>
    /// <param name="loggerFactory">Logging; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public KlaviyoClient(KlaviyoClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(new HttpClient(SharedHandler.Value, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, options, loggerFactory, timeProvider)
    {
    }

    /// <summary>
    /// Creates a client over a caller's <see cref="HttpClient"/> (its handlers run inside each attempt).
    /// The client's resilience pipeline still applies unless <see cref="KlaviyoResilienceOptions.Enabled"/> is off.
    /// </summary>
    /// <param name="httpClient">The HTTP client; its base address is not used.</param>
    /// <param name="options">The options (API key, revision, base address, resilience).</param>
    /// <param name="loggerFactory">Logging; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public KlaviyoClient(HttpClient httpClient, KlaviyoClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(
            httpClient,
            CheckOptions(options),
            KlaviyoSendPolicyFactory.Create(options, timeProvider ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance),
            loggerFactory,
            timeProvider)
    {
    }

    /// <summary>
    /// Creates a client that waits for Klaviyo's rate limits in <paramref name="rateLimiter"/> (e.g. one
    /// <see cref="KlaviyoInProcessRateLimiter"/> shared by several clients of one account, or a limiter shared by several
    /// processes), over the process-wide pooled connection handler. The caller owns the limiter.
    /// </summary>
    /// <param name="options">The options (API key, revision, base address, resilience).</param>
    /// <param name="rateLimiter">The rate limiter; see <see cref="KlaviyoRateLimitRequest"/> for its contract. Used unless <see cref="KlaviyoRateLimitOptions.Enabled"/> is off.</param>
    /// <param name="loggerFactory">Logging; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public KlaviyoClient(KlaviyoClientOptions options, PartitionedRateLimiter<KlaviyoRateLimitRequest> rateLimiter, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(new HttpClient(SharedHandler.Value, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, options, rateLimiter, loggerFactory, timeProvider)
    {
    }

    /// <summary>
    /// Creates a client over a caller's <see cref="HttpClient"/> that waits for Klaviyo's rate limits in
    /// <paramref name="rateLimiter"/>. The caller owns the limiter.
    /// </summary>
    /// <param name="httpClient">The HTTP client; its base address is not used.</param>
    /// <param name="options">The options (API key, revision, base address, resilience).</param>
    /// <param name="rateLimiter">The rate limiter; see <see cref="KlaviyoRateLimitRequest"/> for its contract. Used unless <see cref="KlaviyoRateLimitOptions.Enabled"/> is off.</param>
    /// <param name="loggerFactory">Logging; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public KlaviyoClient(HttpClient httpClient, KlaviyoClientOptions options, PartitionedRateLimiter<KlaviyoRateLimitRequest> rateLimiter, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(
            httpClient,
            CheckOptions(options),
            KlaviyoSendPolicyFactory.Create(
                options,
                timeProvider ?? TimeProvider.System,
                loggerFactory ?? NullLoggerFactory.Instance,
                rateLimiter ?? throw new ArgumentNullException(nameof(rateLimiter))),
            loggerFactory,
            timeProvider)
    {
    }

    /// <summary>Creates a client whose options are read per request (key rotation) and whose send policy is supplied.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">Read on every request.</param>
    /// <param name="policy">Rate limiting, retries and timeouts (<see cref="KlaviyoSendPolicyFactory"/>).</param>
    /// <param name="loggerFactory">Logging; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="metrics">The instruments; the static meter's when <see langword="null"/> (the DI package passes one from <c>IMeterFactory</c>).</param>
    internal KlaviyoClient(
        HttpClient httpClient,
        Func<KlaviyoClientOptions> options,
        IKlaviyoSendPolicy policy,
        ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider,
        KlaviyoMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<KlaviyoClient>();
        _options = options;
        _transport = new KlaviyoTransport(httpClient, options, policy, _logger, _timeProvider, metrics);
    }

    /// <summary>For mocking frameworks only.</summary>
    protected KlaviyoClient()
    {
        _transport = null!;
        _timeProvider = TimeProvider.System;
        _logger = NullLogger.Instance;
        _loggerFactory = NullLoggerFactory.Instance;
    }

    private static Func<KlaviyoClientOptions> CheckOptions(KlaviyoClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("KlaviyoClientOptions.ApiKey is required (a private key starting with pk_).", nameof(options));
        }

        if (options.BaseAddress is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("KlaviyoClientOptions.BaseAddress must be an absolute http(s) URI, e.g. https://a.klaviyo.com/.", nameof(options));
        }

        // The rules the dependency-injection validator applies at start, so both construction paths reject the same options.
        var problems = KlaviyoClientOptionsRules.Check(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "KlaviyoClientOptions are invalid: " + string.Join(" ", problems.Select(p => $"{p.Setting} {p.Problem}")), nameof(options));
        }

        return () => options;
    }
}
