using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Klaviyo.Actions.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Http;

/// <summary>
/// Sends JSON:API requests to Klaviyo: headers (auth, revision, media type), the send policy, response
/// buffering, and turning error answers into <see cref="KlaviyoApiException"/>. Logs and measures every attempt
/// (operation, method, path without query, status, duration) and the final failure; never the key, query or bodies.
/// </summary>
internal sealed class KlaviyoTransport
{
    internal const string MediaType = "application/vnd.api+json";
    private static readonly MediaTypeHeaderValue ContentType = new(MediaType);
    private static readonly MediaTypeWithQualityHeaderValue Accept = new(MediaType);

    private readonly HttpClient _httpClient;
    private readonly Func<KlaviyoClientOptions> _options;
    private readonly IKlaviyoSendPolicy _policy;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private RequestTarget? _target;

    /// <summary>Creates the transport.</summary>
    /// <param name="httpClient">The HTTP client; its base address is ignored in favour of the options'.</param>
    /// <param name="options">Reads the current options per request, so a rotated key applies at once.</param>
    /// <param name="policy">Rate limiting, retries and timeouts.</param>
    /// <param name="logger">Per-attempt and failure logs; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for durations; the system clock when <see langword="null"/>.</param>
    /// <param name="metrics">The instruments; <see cref="KlaviyoMetrics.Default"/> when <see langword="null"/>.</param>
    public KlaviyoTransport(
        HttpClient httpClient,
        Func<KlaviyoClientOptions> options,
        IKlaviyoSendPolicy policy,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        KlaviyoMetrics? metrics = null)
    {
        _httpClient = httpClient;
        _options = options;
        _policy = policy;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Metrics = metrics ?? KlaviyoMetrics.Default;
    }

    /// <summary>
    /// The instruments this client records on. Operation code records per-item outcomes here:
    /// <c>_transport.Metrics.RecordItems("trackEvent", "succeeded", 1)</c>.
    /// </summary>
    public KlaviyoMetrics Metrics { get; }

    /// <summary>Sends a request and returns the buffered 2xx response; throws <see cref="KlaviyoApiException"/> otherwise.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The path under the host, e.g. <c>api/profile-import</c>, with an encoded query.</param>
    /// <param name="body">The UTF-8 JSON body, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<KlaviyoResponse> SendAsync(
        KlaviyoOperation operation,
        HttpMethod method,
        string pathAndQuery,
        byte[]? body,
        CancellationToken cancellationToken)
    {
        var options = _options();
        var target = RequestTarget.For(ref _target, options);
        var (uri, path) = target.Resolve(pathAndQuery);
        var call = new Call(operation, method, path, _timeProvider.GetTimestamp());

        HttpResponseMessage response;
        try
        {
            response = await _policy.SendAsync(
                operation,
                ct => SendOnceAsync(target, call, uri, body, ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReportFailure(call, ex, cancellationToken);
            throw;
        }

        using (response)
        {
            byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var activity = KlaviyoTelemetry.CurrentActionActivity;
            activity?.SetTag(KlaviyoMetrics.StatusCodeTag, (int)response.StatusCode);
            activity?.SetTag("klaviyo.attempts", call.Attempts);
            if (response.IsSuccessStatusCode)
            {
                return new KlaviyoResponse(response.StatusCode, content);
            }

            Log.RequestFailed(_logger, operation.Name, method.Method, call.Path, (int)response.StatusCode, call.Attempts, Elapsed(call).TotalMilliseconds);
            activity?.SetStatus(ActivityStatusCode.Error, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            throw Api.KlaviyoErrorParser.CreateException(response, content, method.Method, call.Path, _timeProvider);
        }
    }

    private async ValueTask<HttpResponseMessage> SendOnceAsync(
        RequestTarget target,
        Call call,
        Uri uri,
        byte[]? body,
        CancellationToken cancellationToken)
    {
        int attempt = Interlocked.Increment(ref call.Attempts);
        long started = _timeProvider.GetTimestamp();

        // A new message per attempt: content is re-sendable on every retry.
        using var request = new HttpRequestMessage(call.Method, uri);
        request.Headers.TryAddWithoutValidation("Authorization", target.Authorization);
        request.Headers.TryAddWithoutValidation("revision", target.Revision);
        request.Headers.Accept.Add(Accept);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = ContentType;
        }

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var failedAfter = _timeProvider.GetElapsedTime(started);
            string errorType = ex.GetType().FullName ?? ex.GetType().Name;
            Metrics.RecordRequest(call.Operation.Name, null, errorType, failedAfter);
            Log.AttemptFailed(_logger, call.Operation.Name, call.Method.Method, call.Path, ex.GetType().Name, failedAfter.TotalMilliseconds, attempt);
            throw;
        }

        var duration = _timeProvider.GetElapsedTime(started);
        int status = (int)response.StatusCode;
        Metrics.RecordRequest(
            call.Operation.Name,
            response.StatusCode,
            response.IsSuccessStatusCode ? null : status.ToString(CultureInfo.InvariantCulture),
            duration);
        if (status == 429)
        {
            Metrics.RecordThrottled(call.Operation.Name, "server");
        }

        Log.RequestCompleted(_logger, call.Operation.Name, call.Method.Method, call.Path, status, duration.TotalMilliseconds, attempt);
        return response;
    }

    /// <summary>Logs the final failure of a call (a caller's cancellation only at debug).</summary>
    private void ReportFailure(Call call, Exception exception, CancellationToken cancellationToken)
    {
        int attempts = Volatile.Read(ref call.Attempts);
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            Log.RequestCanceled(_logger, call.Operation.Name, call.Method.Method, call.Path, attempts);
            return;
        }

        Log.RequestFailedWithException(_logger, call.Operation.Name, call.Method.Method, call.Path, exception.GetType().Name, attempts, Elapsed(call).TotalMilliseconds);
        var activity = KlaviyoTelemetry.CurrentActionActivity;
        activity?.SetTag("klaviyo.attempts", attempts);
        activity?.SetTag(KlaviyoMetrics.ErrorTypeTag, exception.GetType().FullName);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }

    private TimeSpan Elapsed(Call call) => _timeProvider.GetElapsedTime(call.Started);

    /// <summary>The state of one call across its attempts.</summary>
    private sealed class Call(KlaviyoOperation operation, HttpMethod method, string path, long started)
    {
        public KlaviyoOperation Operation { get; } = operation;

        public HttpMethod Method { get; } = method;

        /// <summary>The path without query: the query may hold filters with emails.</summary>
        public string Path { get; } = path;

        public long Started { get; } = started;

        public int Attempts;
    }
}
