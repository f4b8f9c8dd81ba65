using System.Collections.Concurrent;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// The client-side handler of a run: counts requests per endpoint (<c>METHOD /path</c>, ids as <c>{id}</c>) and,
/// when asked, keeps each request (method, path, body bytes) for the replay. The SDK sends bodies as byte arrays,
/// so keeping one is a single copy.
/// </summary>
internal sealed class RequestTally : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _byEndpoint = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest>? _recorded;

    public RequestTally(HttpMessageHandler inner, bool record)
        : base(inner)
    {
        _recorded = record ? new ConcurrentQueue<RecordedRequest>() : null;
    }

    /// <summary>Requests per endpoint.</summary>
    public IReadOnlyDictionary<string, int> ByEndpoint => _byEndpoint;

    /// <summary>The kept requests in the order they were sent (empty unless recording).</summary>
    public IReadOnlyList<RecordedRequest> Recorded => _recorded is null ? [] : [.. _recorded];

    /// <summary>All requests.</summary>
    public int Total => _byEndpoint.Values.Sum();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _byEndpoint.AddOrUpdate(EndpointName.Of(request.Method.Method, request.RequestUri!.AbsolutePath), 1, static (_, n) => n + 1);
        if (_recorded is not null)
        {
            byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            _recorded.Enqueue(new RecordedRequest(request.Method, request.RequestUri.PathAndQuery, body, request.Content?.Headers.ContentType?.MediaType));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
