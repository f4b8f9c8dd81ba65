using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>
/// Runs every Klaviyo request through the same steps: read the body once, injected faults, path (no trailing slash),
/// method, API key, revision, rate limit, media type, size, JSON parsing, then the endpoint; and records the exchange.
/// </summary>
internal sealed class RequestPipeline(
    EmulatorState state,
    KlaviyoEmulatorOptions options,
    FrozenSet<string> apiKeys,
    FrozenSet<string> revisions,
    Func<Uri> baseAddress)
{
    private const string AuthScheme = "Klaviyo-API-Key ";
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private readonly TimeProvider _time = options.TimeProvider;

    public async Task HandleAsync(HttpContext context, EmulatorRoute? route)
    {
        var request = context.Request;
        long sequence = state.Requests.NextSequence();
        var arrived = _time.GetUtcNow();
        string path = request.Path.Value ?? "/";
        var operation = route?.Find(request.Method);
        var body = await RequestBodyReader.ReadAsync(request, options.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);

        var fault = options.Faults.Decide(path);
        if (fault.Latency > TimeSpan.Zero)
        {
            await Task.Delay(fault.Latency, _time, context.RequestAborted).ConfigureAwait(false);
        }

        if (fault.Kind == EmulatorFaultKind.DropConnection)
        {
            Record(context, sequence, arrived, operation, 0, body, ReadOnlyMemory<byte>.Empty, fault.Kind);
            context.Abort();
            return;
        }

        var response = fault.Kind switch
        {
            EmulatorFaultKind.Throttle => FaultResponses.Throttled(fault.RetryAfter),
            EmulatorFaultKind.ServerError => FaultResponses.ServerError(fault.StatusCode),
            EmulatorFaultKind.HtmlError => FaultResponses.HtmlError(fault.StatusCode),
            _ => Process(context, route, operation, body),
        };

        await WriteAsync(context, response).ConfigureAwait(false);
        Record(context, sequence, arrived, operation, response.StatusCode, body, response.Body, fault.Kind);
    }

    private EmulatorResponse Process(HttpContext context, EmulatorRoute? route, EmulatorOperation? operation, RequestBody body)
    {
        var request = context.Request;
        string path = request.Path.Value ?? "/";
        if (route is null || (path.Length > 1 && path.EndsWith('/')))
        {
            return EmulatorResponse.Error(ApiErrors.PathNotFound());
        }

        if (operation is null)
        {
            return EmulatorResponse.Error(ApiErrors.MethodNotAllowed(request.Method)).WithHeader("Allow", route.AllowedMethods);
        }

        if (CheckHeaders(request) is { } headerError)
        {
            return EmulatorResponse.Error(headerError);
        }

        var now = _time.GetUtcNow();
        RateDecision? rate = null;
        if (options.RateLimiting.Enabled)
        {
            var decision = operation.Limiter.TryAcquire(options.RateLimiting.GetLimit(operation.Tier), now);
            if (!decision.Allowed)
            {
                return EmulatorResponse.Error(ApiErrors.Throttled(decision.RetryAfterSeconds))
                    .WithHeader("Retry-After", decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
            }

            rate = decision;
        }

        JsonElement? root = null;
        if (operation.AcceptsBody)
        {
            if (CheckBody(request, body, out root) is { } bodyError)
            {
                return WithRateHeaders(EmulatorResponse.Error(bodyError), rate);
            }
        }

        state.Jobs.Advance(now);
        EmulatorResponse response;
        try
        {
            response = operation.Handler(new EmulatorRequest(context, now, root, baseAddress()));
        }
#pragma warning disable CA1031 // A bug in an endpoint becomes a readable 500 instead of a dropped connection.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            response = EmulatorResponse.Error(new JsonApiError(500, "error", "A server error occurred.",
                "The emulator failed to handle this request: " + exception.GetType().Name + ": " + exception.Message));
        }

        return WithRateHeaders(response, rate);
    }

    private JsonApiError? CheckHeaders(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith(AuthScheme, StringComparison.Ordinal))
        {
            return ApiErrors.NotAuthenticated();
        }

        if (!apiKeys.Contains(authorization[AuthScheme.Length..].Trim()))
        {
            return ApiErrors.AuthenticationFailed();
        }

        string? revision = request.Headers["revision"];
        if (string.IsNullOrWhiteSpace(revision))
        {
            return ApiErrors.MissingRevision();
        }

        return revisions.Contains(revision.Trim()) ? null : ApiErrors.UnknownRevision(revision);
    }

    private static JsonApiError? CheckBody(HttpRequest request, RequestBody body, out JsonElement? root)
    {
        root = null;
        string? encoding = request.Headers.ContentEncoding;
        if (!string.IsNullOrEmpty(encoding) && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return ApiErrors.UnsupportedEncoding(encoding);
        }

        string? contentType = request.ContentType;
        if (contentType is not null || !body.IsEmpty)
        {
            if (contentType is null ||
                !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
                !(mediaType.MediaType.Equals("application/vnd.api+json", StringComparison.OrdinalIgnoreCase) ||
                  mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            {
                return ApiErrors.UnsupportedMediaType(contentType);
            }
        }

        if (body.TooLarge)
        {
            return ApiErrors.PayloadTooLarge(string.Create(
                CultureInfo.InvariantCulture,
                $"The request body is {body.Length} bytes; the maximum allowed payload size is 5MB."));
        }

        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body.Bytes, ReaderOptions);
            root = JsonElement.ParseValue(ref reader);
            return null;
        }
        catch (JsonException exception)
        {
            return ApiErrors.ParseError("JSON parse error - " + exception.Message);
        }
    }

    private static EmulatorResponse WithRateHeaders(EmulatorResponse response, RateDecision? rate)
    {
        if (rate is { } decision)
        {
            response.WithHeader("RateLimit-Limit", decision.Limit.ToString(CultureInfo.InvariantCulture))
                .WithHeader("RateLimit-Remaining", decision.Remaining.ToString(CultureInfo.InvariantCulture))
                .WithHeader("RateLimit-Reset", decision.ResetSeconds.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    private static async Task WriteAsync(HttpContext context, EmulatorResponse response)
    {
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            http.ContentType = response.ContentType;
        }

        http.ContentLength = response.Body.Length;
        if (!response.Body.IsEmpty)
        {
            await http.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private void Record(
        HttpContext context,
        long sequence,
        DateTimeOffset arrived,
        EmulatorOperation? operation,
        int status,
        RequestBody body,
        ReadOnlyMemory<byte> responseBody,
        EmulatorFaultKind? fault)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? Redact(values.ToString()) : values.ToString();
        }

        state.Requests.Add(
            sequence,
            arrived,
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? "",
            operation?.Name,
            status,
            headers,
            body.Bytes,
            body.Length,
            responseBody,
            fault);
    }

    private static string Redact(string authorization)
    {
        int space = authorization.IndexOf(' ', StringComparison.Ordinal);
        string scheme = space > 0 ? authorization[..space] : "";
        string key = space > 0 ? authorization[(space + 1)..].Trim() : authorization;
        return key.Length > 4 ? $"{scheme} ...{key[^4..]}".TrimStart() : scheme;
    }
}
