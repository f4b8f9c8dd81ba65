using System.Net;
using System.Text;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// A no-op Klaviyo: answers the bulk endpoints at once with canned bodies (202 with a job id for profile imports,
/// 202 for bulk events) and reads nothing but the path. No network. Anything else is a 404, so a benchmark that
/// strays from the bulk endpoints fails loudly instead of measuring something else.
/// </summary>
internal sealed class CannedBulkHandler : HttpMessageHandler
{
    private static readonly byte[] ImportJobAccepted = Encoding.UTF8.GetBytes(
        """{"data":{"type":"profile-bulk-import-job","id":"bench-job","attributes":{"status":"queued"}}}""");

    private long _requests;

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        string path = request.RequestUri?.AbsolutePath ?? "";
        var response = path switch
        {
            "/api/profile-bulk-import-jobs" or "/api/profile-bulk-import-jobs/" => Json(HttpStatusCode.Accepted, ImportJobAccepted),
            "/api/event-bulk-create-jobs" or "/api/event-bulk-create-jobs/" => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new ByteArrayContent([]) },
            _ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent([]) },
        };
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.api+json");
        return new HttpResponseMessage(status) { Content = content };
    }
}
