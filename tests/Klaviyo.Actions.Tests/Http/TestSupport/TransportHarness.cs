using System.Diagnostics.Metrics;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Klaviyo.Actions.Tests.Http.TestSupport;

/// <summary>
/// A transport over a <see cref="ScriptedKlaviyo"/> with the real send policy, a fake clock starting at a fixed
/// instant, a fake logger, metrics on a private meter and jitter fixed at 0.5 (backoff = 75 % of each step).
/// Every harness has its own rate limiter (<see cref="RateLimiter"/>) and its own API key, so limits are never shared by accident.
/// </summary>
internal sealed class TransportHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public TransportHarness(Action<KlaviyoClientOptions>? configure = null, string? apiKey = null)
    {
        Time = new TestClock(Start);
        Klaviyo = new ScriptedKlaviyo(Time);
        Options = new KlaviyoClientOptions { ApiKey = apiKey ?? "pk_test_" + Guid.NewGuid().ToString("N") };
        configure?.Invoke(Options);
        LogCollector = new FakeLogCollector();
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(LogCollector)));
        Meter = new Meter(KlaviyoDiagnostics.MeterName);
        Metrics = new KlaviyoMetrics(Meter);
        RateLimiter = new KlaviyoInProcessRateLimiter(Time);
        Policy = KlaviyoSendPolicyFactory.Create(Options, Time, LoggerFactory, Metrics, random: () => 0.5, rateLimiter: RateLimiter);
        Transport = new KlaviyoTransport(
            Klaviyo.CreateClient(),
            () => Options,
            Policy,
            LoggerFactory.CreateLogger<KlaviyoClient>(),
            Time,
            Metrics);
    }

    public TestClock Time { get; }

    public ScriptedKlaviyo Klaviyo { get; }

    public KlaviyoClientOptions Options { get; }

    public FakeLogCollector LogCollector { get; }

    public ILoggerFactory LoggerFactory { get; }

    public Meter Meter { get; }

    public KlaviyoMetrics Metrics { get; }

    public KlaviyoInProcessRateLimiter RateLimiter { get; }

    public IKlaviyoSendPolicy Policy { get; }

    public KlaviyoTransport Transport { get; }

    public Task<KlaviyoResponse> GetAccountsAsync(CancellationToken cancellationToken = default) =>
        Transport.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, cancellationToken);

    public Task<KlaviyoResponse> SendAsync(KlaviyoOperation operation, HttpMethod method, string path, byte[]? body = null, CancellationToken cancellationToken = default) =>
        Transport.SendAsync(operation, method, path, body, cancellationToken);

    public TimeSpan Elapsed => Time.GetUtcNow() - Start;

    public void Dispose()
    {
        LoggerFactory.Dispose();
        RateLimiter.Dispose();
        Meter.Dispose();
        Klaviyo.Handler.Dispose();
    }
}
