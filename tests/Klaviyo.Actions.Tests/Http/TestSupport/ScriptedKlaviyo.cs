using System.Collections.Concurrent;
using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace Klaviyo.Actions.Tests.Http.TestSupport;

/// <summary>One request as Klaviyo saw it.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Authorization,
    string? Revision,
    byte[]? Body,
    DateTimeOffset At);

/// <summary>
/// A scripted Klaviyo: answers with a queue of steps (the last one repeats), records every request with the
/// fake time it arrived at, and lets a test await the N-th request. Responses come from a MockHttp handler;
/// steps that must observe the attempt's cancellation token (hang) or fail the connection run in front of it.
/// </summary>
internal sealed class ScriptedKlaviyo
{
    private static readonly HttpRequestOptionsKey<Func<HttpResponseMessage>> ResponseKey = new("scripted-response");

    private readonly ConcurrentQueue<Step> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly TimeProvider _time;
    private Step? _last;

    public ScriptedKlaviyo(TimeProvider time)
    {
        _time = time;
        Mock.Fallback.Respond(request =>
            request.Options.TryGetValue(ResponseKey, out var create) ? create() : new HttpResponseMessage(HttpStatusCode.OK));
        Handler = new ScriptHandler(this) { InnerHandler = Mock };
    }

    /// <summary>The MockHttp handler that produces the scripted responses.</summary>
    public MockHttpMessageHandler Mock { get; } = new();

    /// <summary>The handler to use as an HttpClient's primary handler.</summary>
    public HttpMessageHandler Handler { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    public HttpClient CreateClient() => new(Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public ScriptedKlaviyo Then(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null)
    {
        _script.Enqueue(new Step(Respond: () =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/vnd.api+json");
            }

            configure?.Invoke(response);
            return response;
        }));
        return this;
    }

    public ScriptedKlaviyo ThenOk(string json = """{"data":[]}""") => Then(HttpStatusCode.OK, json);

    /// <summary>The connection fails with <paramref name="exception"/>.</summary>
    public ScriptedKlaviyo ThenThrow(Exception exception)
    {
        _script.Enqueue(new Step(Throw: exception));
        return this;
    }

    /// <summary>Never answers; ends only when the attempt is canceled.</summary>
    public ScriptedKlaviyo ThenHang()
    {
        _script.Enqueue(new Step(Hang: true));
        return this;
    }

    /// <summary>Completes when at least <paramref name="count"/> requests arrived (fails after 10 s of real time, a safety net only).</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_requests)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private async Task<Step> RecordAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.TryGetValues("Authorization", out var auth) ? auth.Single() : null,
            request.Headers.TryGetValues("revision", out var revision) ? revision.Single() : null,
            body,
            _time.GetUtcNow());

        Step step;
        List<TaskCompletionSource> toSignal = [];
        lock (_requests)
        {
            _requests.Add(recorded);
            if (_script.TryDequeue(out var next))
            {
                _last = next;
            }

            step = _last ?? new Step(Respond: () => new HttpResponseMessage(HttpStatusCode.OK));
            foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                toSignal.Add(waiter.Signal);
            }
        }

        foreach (var signal in toSignal)
        {
            signal.TrySetResult();
        }

        return step;
    }

    private sealed record Step(Func<HttpResponseMessage>? Respond = null, Exception? Throw = null, bool Hang = false);

    private sealed class ScriptHandler(ScriptedKlaviyo owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var step = await owner.RecordAsync(request, cancellationToken);
            if (step.Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            if (step.Throw is not null)
            {
                throw step.Throw;
            }

            request.Options.Set(ResponseKey, step.Respond!);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
