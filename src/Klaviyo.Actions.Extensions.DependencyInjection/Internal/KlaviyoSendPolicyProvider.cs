using System.Collections.Concurrent;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>
/// Builds each registration's send policy with <see cref="KlaviyoSendPolicyFactory"/> — the same definition the
/// non-DI client uses — and rebuilds it when the registration's options reload (a rotated key is a new account in the
/// registration's rate limiter, <see cref="KlaviyoRateLimiters"/>; new retry settings apply to the next call).
/// </summary>
internal sealed class KlaviyoSendPolicyProvider : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IKlaviyoSendPolicy>> _policies = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<KlaviyoClientOptions> _options;
    private readonly IOptionsMonitor<KlaviyoResiliencePipelineOptions> _pipelines;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly KlaviyoMetrics _metrics;
    private readonly IDisposable? _subscription;

    public KlaviyoSendPolicyProvider(
        IOptionsMonitor<KlaviyoClientOptions> options,
        IOptionsMonitor<KlaviyoResiliencePipelineOptions> pipelines,
        IServiceProvider services,
        KlaviyoMetrics metrics)
    {
        _options = options;
        _pipelines = pipelines;
        _services = services;
        _metrics = metrics;
        _timeProvider = KlaviyoServices.TimeProvider(services);
        _loggerFactory = KlaviyoServices.LoggerFactory(services);
        _subscription = options.OnChange((_, name) => _policies.TryRemove(name ?? Options.DefaultName, out Lazy<IKlaviyoSendPolicy>? _));
    }

    /// <summary>A policy that always runs the registration's current pipeline.</summary>
    public IKlaviyoSendPolicy For(string name) => new CurrentPolicy(this, name);

    /// <summary>The registration's current pipeline.</summary>
    public IKlaviyoSendPolicy Current(string name) =>
        _policies.GetOrAdd(name, n => new Lazy<IKlaviyoSendPolicy>(() => Build(n))).Value;

    public void Dispose() => _subscription?.Dispose();

    private IKlaviyoSendPolicy Build(string name)
    {
        var options = _options.Get(name);
        var replacement = _pipelines.Get(name).Configure;
        return KlaviyoSendPolicyFactory.Create(
            options,
            _timeProvider,
            _loggerFactory,
            _metrics,
            replacement is null ? null : builder => replacement(builder, _services),
            rateLimiter: options.RateLimiting.Enabled ? KlaviyoRateLimiters.Get(_services, name) : null);
    }

    private sealed class CurrentPolicy(KlaviyoSendPolicyProvider provider, string name) : IKlaviyoSendPolicy
    {
        public ValueTask<HttpResponseMessage> SendAsync(
            KlaviyoOperation operation,
            Func<CancellationToken, ValueTask<HttpResponseMessage>> attempt,
            CancellationToken cancellationToken) =>
            provider.Current(name).SendAsync(operation, attempt, cancellationToken);
    }
}
