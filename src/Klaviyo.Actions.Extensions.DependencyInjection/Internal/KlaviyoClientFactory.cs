using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>
/// Creates clients over <see cref="IHttpClientFactory"/>: one named HttpClient per registration, options read
/// per request from <see cref="IOptionsMonitor{TOptions}"/> (a rotated key applies to the next request), and the
/// registration's send policy.
/// </summary>
internal sealed class KlaviyoClientFactory : IKlaviyoClientFactory
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<KlaviyoClientOptions> _options;
    private readonly KlaviyoSendPolicyProvider _policies;
    private readonly KlaviyoRegistrations _registrations;
    private readonly KlaviyoMetrics _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;

    public KlaviyoClientFactory(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<KlaviyoClientOptions> options,
        KlaviyoSendPolicyProvider policies,
        KlaviyoRegistrations registrations,
        KlaviyoMetrics metrics,
        IServiceProvider services)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _policies = policies;
        _registrations = registrations;
        _metrics = metrics;
        _loggerFactory = KlaviyoServices.LoggerFactory(services);
        _timeProvider = KlaviyoServices.TimeProvider(services);
    }

    public IKlaviyoClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var registration = _registrations.Get(name);
        var monitor = _options;
        return new KlaviyoClient(
            _httpClientFactory.CreateClient(registration.HttpClientName),
            () => monitor.Get(name),
            _policies.For(name),
            _loggerFactory,
            _timeProvider,
            _metrics);
    }

    /// <summary>
    /// A transport exactly like the one inside <see cref="CreateClient(string)"/>'s client (same HttpClient, options,
    /// send policy, logger, clock, instruments). The seam for code that needs raw Klaviyo calls, and for tests.
    /// </summary>
    internal KlaviyoTransport CreateTransport(string name)
    {
        var registration = _registrations.Get(name);
        var monitor = _options;
        return new KlaviyoTransport(
            _httpClientFactory.CreateClient(registration.HttpClientName),
            () => monitor.Get(name),
            _policies.For(name),
            _loggerFactory.CreateLogger<KlaviyoClient>(),
            _timeProvider,
            _metrics);
    }

    /// <summary>
    /// A transport for one-off probes (the health check): the registration's HttpClient and options, but a single
    /// attempt without rate limiting or retries, so a probe never queues behind traffic or retries for minutes.
    /// </summary>
    internal KlaviyoTransport CreateProbeTransport(string name)
    {
        var registration = _registrations.Get(name);
        var monitor = _options;
        return new KlaviyoTransport(
            _httpClientFactory.CreateClient(registration.HttpClientName),
            () => monitor.Get(name),
            SingleAttemptSendPolicy.Instance,
            _loggerFactory.CreateLogger<KlaviyoClient>(),
            _timeProvider,
            _metrics);
    }
}
