using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// Sends batches to Segment's HTTP tracking API as Segment's own libraries do: <c>POST v1/batch</c> with HTTP Basic
/// (write key as user name, empty password), a gzip body, <c>sentAt</c> set per attempt, and retries with exponential
/// backoff on 429, 408, 5xx and network errors, honouring <c>Retry-After</c> (seconds or a date) up to
/// <see cref="SegmentTrackingOptions.MaxBackoff"/>. Every wait runs on the <see cref="TimeProvider"/>. Messages keep
/// their <c>messageId</c> across attempts, so a batch Segment took but whose answer was lost is deduplicated.
/// </summary>
internal sealed class SegmentTrackingClient
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };
    private static readonly ProductInfoHeaderValue UserAgent = new("Klaviyo.Actions", typeof(SegmentTrackingClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly HttpClient _httpClient;
    private readonly SegmentTrackingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Uri _batchUri;
    private readonly AuthenticationHeaderValue _authorization;

    public SegmentTrackingClient(HttpClient httpClient, SegmentTrackingOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        string baseAddress = options.EffectiveBaseAddress.AbsoluteUri;
        _batchUri = new Uri(new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/"), "v1/batch");
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.WriteKey + ":")));
    }

    /// <summary>Where batches go.</summary>
    public Uri BatchUri => _batchUri;

    /// <summary>Sends one batch until Segment accepts it.</summary>
    /// <param name="messages">The messages (UTF-8 JSON objects), at most Segment's limits.</param>
    /// <param name="cancellationToken">Cancels sending and waiting.</param>
    /// <returns>How many attempts it took.</returns>
    /// <exception cref="SegmentTrackingException">Segment refused the batch, or kept failing for every attempt.</exception>
    public async Task<int> SendAsync(IReadOnlyList<byte[]> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (int attempt = 1; ; attempt++)
        {
            HttpStatusCode? status = null;
            TimeSpan? retryAfter = null;
            Exception? failure = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _batchUri) { Content = Content(messages) };
                request.Headers.Authorization = _authorization;
                request.Headers.UserAgent.Add(UserAgent);
                using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return attempt;
                }

                status = response.StatusCode;
                if (!IsTransient(response.StatusCode))
                {
                    throw new SegmentTrackingException(
                        string.Create(CultureInfo.InvariantCulture, $"Segment refused a batch of {messages.Count} messages with {(int)response.StatusCode} {response.ReasonPhrase}."),
                        response.StatusCode);
                }

                retryAfter = RetryAfter(response.Headers.RetryAfter);
            }
            catch (HttpRequestException ex)
            {
                failure = ex;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = ex; // the HttpClient's own timeout
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new SegmentTrackingException(
                    string.Create(CultureInfo.InvariantCulture, $"Segment did not accept a batch of {messages.Count} messages after {attempt} attempts (last: {Describe(status, failure)})."),
                    status,
                    failure);
            }

            var delay = Delay(attempt, retryAfter);
            KlaviyoToSegmentLog.Retrying(_logger, Describe(status, failure), messages.Count, delay, attempt + 1, _options.MaxAttempts);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The batch body <c>{"batch":[…],"sentAt":"…"}</c>, uncompressed.</summary>
    internal byte[] Body(IReadOnlyList<byte[]> messages)
    {
        int size = SegmentLimits.EnvelopeBytes + messages.Sum(m => m.Length + 1);
        using var body = new MemoryStream(size);
        body.Write("{\"batch\":["u8);
        for (int i = 0; i < messages.Count; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }

            body.Write(messages[i]);
        }

        body.Write("],\"sentAt\":\""u8);
        body.Write(Encoding.UTF8.GetBytes(_timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        body.Write("\"}"u8);
        return body.ToArray();
    }

    private ByteArrayContent Content(IReadOnlyList<byte[]> messages)
    {
        byte[] body = Body(messages);
        ByteArrayContent content;
        if (_options.CompressRequests)
        {
            using var compressed = new MemoryStream(body.Length / 4 + 64);
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(body);
            }

            content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            content = new ByteArrayContent(body);
        }

        content.Headers.ContentType = JsonType;
        return content;
    }

    private TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } hint)
        {
            return hint > _options.MaxBackoff ? _options.MaxBackoff : hint;
        }

        double backoff = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return backoff >= _options.MaxBackoff.TotalMilliseconds ? _options.MaxBackoff : TimeSpan.FromMilliseconds(backoff);
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static string Describe(HttpStatusCode? status, Exception? failure) =>
        status is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) : failure?.GetType().Name ?? "unknown";
}
