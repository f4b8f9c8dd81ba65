using System.Net;

namespace Klaviyo.Actions.ConsoleApp.Delivery;

/// <summary>
/// Stops a run whose API key Klaviyo refuses: the first 401 or 403 answer trips it, which cancels
/// <see cref="Refused"/> (the send command stops reading events) and fails every later request at once, without
/// sending it, with <see cref="ApiKeyRefusedException"/>. Every other request would be refused the same way.
/// </summary>
internal sealed class ApiKeyRefusalGuard : DelegatingHandler
{
    private readonly CancellationTokenSource _refused = new();
    private int _status;

    public ApiKeyRefusalGuard(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Cancelled when Klaviyo first refused the key.</summary>
    public CancellationToken Refused => _refused.Token;

    /// <summary>The refusing status (401 or 403), or null while the key was not refused.</summary>
    public HttpStatusCode? RefusedWith => Volatile.Read(ref _status) is var status and > 0 ? (HttpStatusCode)status : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (RefusedWith is not null)
        {
            throw new ApiKeyRefusedException();
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            && Interlocked.CompareExchange(ref _status, (int)response.StatusCode, 0) == 0)
        {
            await _refused.CancelAsync();
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refused.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A request that was not sent because Klaviyo had already refused the run's API key.</summary>
internal sealed class ApiKeyRefusedException()
    : Exception("Not sent: Klaviyo refused the API key earlier in this run.");
