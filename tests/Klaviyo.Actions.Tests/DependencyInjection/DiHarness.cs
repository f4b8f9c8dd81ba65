using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Klaviyo.Actions.Tests.DependencyInjection;

/// <summary>
/// A plain <see cref="ServiceCollection"/> with fake logging and a <see cref="TestClock"/> registered as the
/// app's <see cref="TimeProvider"/>; <see cref="UseScripted"/> points a registration's HttpClient at a
/// <see cref="ScriptedKlaviyo"/> through <c>ConfigureHttpClient</c>, the public seam users have.
/// </summary>
internal sealed class DiHarness : IDisposable
{
    private ServiceProvider? _provider;

    public DiHarness()
    {
        Time = new TestClock(TransportHarness.Start);
        Klaviyo = new ScriptedKlaviyo(Time);
        Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        Services.AddSingleton<TimeProvider>(Time);
    }

    public ServiceCollection Services { get; } = new();

    public TestClock Time { get; }

    public ScriptedKlaviyo Klaviyo { get; }

    public ServiceProvider Provider => _provider ??= Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    public FakeLogCollector Logs => Provider.GetFakeLogCollector();

    public static string NewKey(string label = "test") => $"pk_{label}_{Guid.NewGuid():N}";

    public IKlaviyoActionsBuilder UseScripted(IKlaviyoActionsBuilder builder) =>
        builder.ConfigureHttpClient(b => b.ConfigurePrimaryHttpMessageHandler(() => new NonDisposing(Klaviyo.Handler)));

    /// <summary>The transport a client of registration <paramref name="name"/> uses (the client's operations are other work items' stubs).</summary>
    public KlaviyoTransport Transport(string name = "") =>
        ((KlaviyoClientFactory)Provider.GetRequiredService<IKlaviyoClientFactory>()).CreateTransport(name);

    public void Dispose()
    {
        _provider?.Dispose();
        Klaviyo.Handler.Dispose();
    }

    /// <summary>Lets IHttpClientFactory own (and dispose) its handler chain while the shared scripted handler lives on.</summary>
    private sealed class NonDisposing(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(inner, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);
    }
}
