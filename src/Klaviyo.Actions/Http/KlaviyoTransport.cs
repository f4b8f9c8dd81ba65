using System.Net.Http.Headers;

namespace Klaviyo.Actions.Http;

/// <summary>
/// Sends JSON:API requests to Klaviyo: headers (auth, revision, media type), the send policy, response
/// buffering, and turning error answers into <see cref="KlaviyoApiException"/>.
/// </summary>
internal sealed class KlaviyoTransport
{
    internal const string MediaType = "application/vnd.api+json";
    private static readonly MediaTypeHeaderValue ContentType = new(MediaType);
    private static readonly MediaTypeWithQualityHeaderValue Accept = new(MediaType);

    private readonly HttpClient _httpClient;
    private readonly Func<KlaviyoClientOptions> _options;
    private readonly IKlaviyoSendPolicy _policy;

    /// <summary>Creates the transport.</summary>
    /// <param name="httpClient">The HTTP client; its base address is ignored in favour of the options'.</param>
    /// <param name="options">Reads the current options per request, so a rotated key applies at once.</param>
    /// <param name="policy">Rate limiting, retries and timeouts.</param>
    public KlaviyoTransport(HttpClient httpClient, Func<KlaviyoClientOptions> options, IKlaviyoSendPolicy policy)
    {
        _httpClient = httpClient;
        _options = options;
        _policy = policy;
    }

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
        var uri = new Uri(WithTrailingSlash(options.BaseAddress), pathAndQuery);

        using var response = await _policy.SendAsync(
            operation,
            ct => SendOnceAsync(options, method, uri, body, ct),
            cancellationToken).ConfigureAwait(false);

        byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new KlaviyoResponse(response.StatusCode, content);
        }

        throw Api.KlaviyoErrorParser.CreateException(response, content, method.Method, uri.AbsolutePath);
    }

    /// <summary>Makes <c>http://proxy/klaviyo</c> behave like <c>http://proxy/klaviyo/</c> when combined with a relative path.</summary>
    private static Uri WithTrailingSlash(Uri baseAddress) =>
        baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");

    private async ValueTask<HttpResponseMessage> SendOnceAsync(
        KlaviyoClientOptions options,
        HttpMethod method,
        Uri uri,
        byte[]? body,
        CancellationToken cancellationToken)
    {
        // A new message per attempt: content is re-sendable on every retry.
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + options.ApiKey);
        request.Headers.TryAddWithoutValidation("revision", options.Revision);
        request.Headers.Accept.Add(Accept);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = ContentType;
        }

        return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }
}
