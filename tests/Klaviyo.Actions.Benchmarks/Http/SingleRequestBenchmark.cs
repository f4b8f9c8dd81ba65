using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Klaviyo.Actions.Benchmarks.Support;
using Klaviyo.Actions.Http;

namespace Klaviyo.Actions.Benchmarks.Http;

/// <summary>
/// Issue 8: what one single-event request costs the SDK above a bare <see cref="HttpClient"/>, with no network
/// (<see cref="AcceptingHandler"/> answers 202 at once). Segment's Order Completed is sent this way, one request per
/// order and per product, so this is most of the requests of the end-to-end run.
/// <see cref="BareHttpClient"/> posts pre-serialized bytes with the same headers; <see cref="Transport"/> sends the same
/// bytes through the SDK's transport (request building, resilience pipeline, metrics, logging);
/// <see cref="TransportWithoutResilience"/> the same with the pipeline switched off; <see cref="TrackEvent"/> is the
/// whole call from a typed request (validation, body, transport).
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter '*SingleRequest*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet calls the [GlobalCleanup] method, which disposes them.")]
public class SingleRequestBenchmark
{
    private static readonly MediaTypeHeaderValue JsonApi = new("application/vnd.api+json");
    private static readonly Uri EventsUri = new(KlaviyoClientOptions.DefaultBaseAddress, "api/events");

    private AcceptingHandler _handler = null!;
    private HttpClient _bare = null!;
    private KlaviyoClient _client = null!;
    private KlaviyoClient _clientWithoutResilience = null!;
    private TrackEventRequest _request = null!;
    private byte[] _body = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = new AcceptingHandler();
        _bare = new HttpClient(_handler, disposeHandler: false);
        _client = OfflineKlaviyo.Client(_handler);
        _clientWithoutResilience = new KlaviyoClient(
            new HttpClient(_handler, disposeHandler: false) { BaseAddress = KlaviyoClientOptions.DefaultBaseAddress },
            new KlaviyoClientOptions { ApiKey = OfflineKlaviyo.FakeKey, RateLimiting = { Enabled = false }, Resilience = { Enabled = false } });
        _request = SampleData.Event(7, users: 100);

        // The body the SDK sends for this request: the bare client and the transport post exactly these bytes.
        _client.TrackEventAsync(_request).GetAwaiter().GetResult();
        _body = _handler.LastBody ?? throw new InvalidOperationException("The SDK sent no body.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare?.Dispose();
        _handler?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> BareHttpClient()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, EventsUri);
        request.Headers.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + OfflineKlaviyo.FakeKey);
        request.Headers.TryAddWithoutValidation("revision", "2026-07-15");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.api+json");
        request.Content = new ByteArrayContent(_body);
        request.Content.Headers.ContentType = JsonApi;
        using var response = await _bare.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return (await response.Content.ReadAsByteArrayAsync()).Length + (int)response.StatusCode;
    }

    [Benchmark]
    public async Task<int> Transport() =>
        (int)(await _client.Transport.SendAsync(KlaviyoOperation.CreateEvent, HttpMethod.Post, "api/events", _body, CancellationToken.None)).StatusCode;

    [Benchmark]
    public async Task<int> TransportWithoutResilience() =>
        (int)(await _clientWithoutResilience.Transport.SendAsync(KlaviyoOperation.CreateEvent, HttpMethod.Post, "api/events", _body, CancellationToken.None)).StatusCode;

    [Benchmark]
    public async Task<int> TrackEvent() => (await _client.TrackEventAsync(_request)).UniqueId.Length;

    /// <summary>Answers every request with an empty 202 and keeps the last body (read only in the set-up).</summary>
    private sealed class AcceptingHandler : HttpMessageHandler
    {
        public byte[]? LastBody { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (LastBody is null && request.Content is not null)
            {
                LastBody = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new ByteArrayContent([]), RequestMessage = request };
        }
    }
}
