using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// A <see cref="KlaviyoClient"/> over a given handler (rate limiting off, so a benchmark measures the SDK and not
/// Klaviyo's windows), and the client's real bulk endpoints, whose measuring and body serialization need no network.
/// </summary>
internal static class OfflineKlaviyo
{
    /// <summary>A fake key (never sent anywhere real).</summary>
    public const string FakeKey = "pk_bench-not-a-key";

    /// <summary>A client sending through <paramref name="handler"/>.</summary>
    public static KlaviyoClient Client(HttpMessageHandler handler) => new(
        new HttpClient(handler, disposeHandler: false) { BaseAddress = KlaviyoClientOptions.DefaultBaseAddress },
        new KlaviyoClientOptions { ApiKey = FakeKey, RateLimiting = { Enabled = false } });

    /// <summary>The real bulk endpoints of a client that refuses every request (measuring and serializing only).</summary>
    public static KlaviyoBulkEndpoints Endpoints() => Client(new RefusingHandler()).CreateBulkEndpoints();

    /// <summary>Fails any request: the planning and serialization benchmarks must not touch HTTP.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("This benchmark must not send HTTP requests.");
    }
}
