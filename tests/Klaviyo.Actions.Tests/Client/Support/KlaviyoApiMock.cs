using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Klaviyo.Actions.Tests.Client.Support;

/// <summary>
/// A MockHttp backend for <see cref="KlaviyoClient"/> that records every request (method, URI, headers, body)
/// in the order they were sent. Unmatched requests fail the call with a clear message.
/// </summary>
public sealed class KlaviyoApiMock
{
    public const string ApiKey = "pk_test_4f9c2a7b1e8d3c6a5b0e9f8d7c6b5a4e3d";
    public static readonly Uri BaseAddress = new("https://a.klaviyo.com/");

    private readonly ConcurrentQueue<CapturedRequest> _requests = new();

    public KlaviyoApiMock()
    {
        Handler.Fallback.Respond(async request =>
        {
            await CaptureAsync(request);
            throw new InvalidOperationException($"No mock response for {request.Method} {request.RequestUri}");
        });
    }

    public MockHttpMessageHandler Handler { get; } = new();

    /// <summary>The clock given to the client: 2024-05-01T12:00:00.250Z.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, 250, TimeSpan.Zero));

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    /// <summary>
    /// The client as the brief builds it. Retries and client-side rate limiting are switched off so an error
    /// answer reaches the test as one exception, whatever send policy the resilience work installs.
    /// </summary>
    public KlaviyoClient CreateClient() =>
        new(Handler.ToHttpClient(), new KlaviyoClientOptions
        {
            ApiKey = ApiKey,
            BaseAddress = BaseAddress,
            Resilience = { Enabled = false },
            RateLimiting = { Enabled = false },
        }, timeProvider: Time);

    /// <summary>Answers requests to <paramref name="path"/> (any query unless <paramref name="match"/> narrows it).</summary>
    public void On(HttpMethod method, string path, HttpStatusCode status, string? json = null, Func<HttpRequestMessage, bool>? match = null, Action<HttpResponseMessage>? configure = null)
    {
        var mocked = Handler.When(method, new Uri(BaseAddress, path).AbsoluteUri);
        if (match is not null)
        {
            mocked.With(match);
        }

        mocked.Respond(async request =>
        {
            await CaptureAsync(request);
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/vnd.api+json");
            }

            configure?.Invoke(response);
            return response;
        });
    }

    /// <summary>Answers requests whose query has <paramref name="name"/>=<paramref name="value"/> (decoded) — or lacks the parameter when <paramref name="value"/> is null.</summary>
    public static Func<HttpRequestMessage, bool> QueryIs(string name, string? value) =>
        request => System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)[name] == value;

    /// <summary>Combines query predicates.</summary>
    public static Func<HttpRequestMessage, bool> All(params Func<HttpRequestMessage, bool>[] predicates) =>
        request => predicates.All(p => p(request));

    public IReadOnlyList<CapturedRequest> RequestsTo(HttpMethod method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    private async Task CaptureAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync();
        _requests.Enqueue(new CapturedRequest(
            request.Method,
            request.RequestUri!,
            headers,
            request.Content?.Headers.ContentType?.ToString(),
            body));
    }
}
