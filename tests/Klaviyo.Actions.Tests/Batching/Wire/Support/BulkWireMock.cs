using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Tests.Client.Support;
using RichardSzalay.MockHttp;

namespace Klaviyo.Actions.Tests.Batching.Wire.Support;

/// <summary>
/// A MockHttp Klaviyo for bulk calls through a real <see cref="KlaviyoClient"/>: records every request in the
/// order it arrived, answers each route through a responder that sees the request and its number on that route,
/// and serves <c>GET /api/profiles</c> from a <see cref="ProfileDirectory"/>. Unanswered routes fail the request.
/// </summary>
internal sealed class BulkWireMock
{
    public const string ImportPath = "/api/profile-bulk-import-jobs";
    public const string EventsPath = "/api/event-bulk-create-jobs";
    public const string SubscribePath = "/api/profile-subscription-bulk-create-jobs";
    public const string UnsubscribePath = "/api/profile-subscription-bulk-delete-jobs";

    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _routeCounts = new(StringComparer.Ordinal);

    public BulkWireMock()
    {
        Handler.Fallback.Respond(async request =>
        {
            await CaptureAsync(request);
            throw new InvalidOperationException($"No mock response for {request.Method} {request.RequestUri}");
        });
        Respond(HttpMethod.Get, "/api/profiles", (request, _) => Directory.Answer(request));
    }

    public MockHttpMessageHandler Handler { get; } = new();

    /// <summary>The client's clock; starts at 2026-11-01T12:00:00Z.</summary>
    public WireClock Clock { get; } = new();

    /// <summary>The profiles <c>GET /api/profiles</c> finds.</summary>
    public ProfileDirectory Directory { get; } = new();

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    /// <summary>A client with retries and client-side rate limiting off, on <see cref="Clock"/>.</summary>
    public KlaviyoClient CreateClient(Action<KlaviyoClientOptions>? configure = null)
    {
        var options = new KlaviyoClientOptions
        {
            ApiKey = KlaviyoApiMock.ApiKey,
            BaseAddress = KlaviyoApiMock.BaseAddress,
            Resilience = { Enabled = false },
            RateLimiting = { Enabled = false },
        };
        configure?.Invoke(options);
        return new KlaviyoClient(Handler.ToHttpClient(), options, timeProvider: Clock);
    }

    /// <summary>A bulk client over a new <see cref="CreateClient"/> with requests sent one at a time (deterministic order).</summary>
    public KlaviyoBulkClient CreateBulkClient(Action<KlaviyoBatchingOptions>? configure = null)
    {
        var options = new KlaviyoBatchingOptions { MaxConcurrentRequests = 1 };
        configure?.Invoke(options);
        return new KlaviyoBulkClient(CreateClient(), options);
    }

    /// <summary>Answers a route; the responder gets the captured request and its 1-based number on this route.</summary>
    public void Respond(HttpMethod method, string path, Func<CapturedRequest, int, HttpResponseMessage> responder)
    {
        Handler.When(method, new Uri(KlaviyoApiMock.BaseAddress, path).AbsoluteUri).Respond(async request =>
        {
            var captured = await CaptureAsync(request);
            int number = _routeCounts.AddOrUpdate(method.Method + " " + path, 1, (_, n) => n + 1);
            return responder(captured, number);
        });
    }

    /// <summary>Answers a route 202 with no body (bulk events, subscriptions) or 204 (list membership).</summary>
    public void Accept(HttpMethod method, string path, HttpStatusCode status = HttpStatusCode.Accepted) =>
        Respond(method, path, (_, _) => new HttpResponseMessage(status));

    /// <summary>Answers profile import jobs 202 with a job <c>JOB{n}</c>, <c>queued</c>.</summary>
    public void AcceptImportJobs() =>
        Respond(HttpMethod.Post, ImportPath, (_, n) => Json(HttpStatusCode.Accepted, ImportJob("JOB" + n, "queued")));

    /// <summary>Accepts every bulk POST and every list removal.</summary>
    public void AcceptEverything()
    {
        AcceptImportJobs();
        Accept(HttpMethod.Post, EventsPath);
        Accept(HttpMethod.Post, SubscribePath);
        Accept(HttpMethod.Post, UnsubscribePath);
    }

    /// <summary>Answers <c>DELETE /api/lists/{list}/relationships/profiles</c> 204.</summary>
    public void AcceptListRemovals(string listId) =>
        Accept(HttpMethod.Delete, ListPath(listId), HttpStatusCode.NoContent);

    public static string ListPath(string listId) => $"/api/lists/{listId}/relationships/profiles";

    public IReadOnlyList<CapturedRequest> To(HttpMethod method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/vnd.api+json") };

    /// <summary>A bulk import job resource as Klaviyo returns it.</summary>
    public static string ImportJob(string id, string status, int total = 0, int completed = 0, int failed = 0)
    {
        var job = new JsonObject
        {
            ["type"] = "profile-bulk-import-job",
            ["id"] = id,
            ["attributes"] = new JsonObject
            {
                ["status"] = status,
                ["created_at"] = "2026-11-01T12:00:00+00:00",
                ["total_count"] = total,
                ["completed_count"] = completed,
                ["failed_count"] = failed,
                ["completed_at"] = null,
                ["expires_at"] = "2026-11-08T12:00:00+00:00",
                ["started_at"] = null,
            },
            ["relationships"] = new JsonObject { ["lists"] = new JsonObject(), ["profiles"] = new JsonObject(), ["import-errors"] = new JsonObject() },
            ["links"] = new JsonObject { ["self"] = "https://a.klaviyo.com/api/profile-bulk-import-jobs/" + id },
        };
        return new JsonObject { ["data"] = job }.ToJsonString();
    }

    private async Task<CapturedRequest> CaptureAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync();
        var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body);
        _requests.Enqueue(captured);
        return captured;
    }
}
