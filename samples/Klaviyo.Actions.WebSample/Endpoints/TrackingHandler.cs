using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.WebSample.Auth;
using Klaviyo.Actions.WebSample.Ingestion;
using Klaviyo.Actions.WebSample.ListSync;

namespace Klaviyo.Actions.WebSample.Endpoints;

/// <summary>
/// Handles one tracking call: write key, size limits, body, then every message into the ingestion queue.
/// Answers 200 once the messages are queued (delivery to Klaviyo follows in the background, as with Segment);
/// each message's outcome is then counted in <c>/v1/stats</c> and logged.
/// </summary>
internal sealed class TrackingHandler(
    WriteKeyAuthenticator authenticator,
    TrackingRequestParser parser,
    IIngestionQueue queue,
    IngestionStats stats,
    ILogger<TrackingHandler> logger,
    IdentityLinkFeeder? identityLinks = null)
{
    public async Task<IResult> HandleAsync(HttpContext context, TrackingRoute route)
    {
        string? headerKey = context.Request.Headers.Authorization.Count > 0
            ? BasicCredentials.ReadUserName(context.Request.Headers.Authorization.ToString())
            : null;
        if (context.Request.Headers.Authorization.Count > 0 && !authenticator.IsValid(headerKey))
        {
            return Refuse(context, TrackingProblem.Unauthorized());
        }

        // Request decompression undoes gzip, deflate and br and removes the header; an encoding still named here is
        // one it does not know, so the body cannot be read as JSON.
        if (context.Request.Headers.ContentEncoding.Any(e => !string.IsNullOrWhiteSpace(e) && !string.Equals(e.Trim(), "identity", StringComparison.OrdinalIgnoreCase)))
        {
            return Refuse(context, TrackingProblem.UnsupportedEncoding());
        }

        byte[]? body = await RequestBodyReader.ReadAsync(context.Request, route.MaxBytes, context.RequestAborted);
        if (body is null)
        {
            return Refuse(context, TrackingProblem.TooLarge(route.Type is null ? "The batch request" : "The request", route.MaxBytes));
        }

        var request = parser.Parse(body, route.Type, out var problem);
        if (problem is not null)
        {
            return Refuse(context, problem);
        }

        if (headerKey is null && !authenticator.IsValid(request.WriteKey))
        {
            return Refuse(context, TrackingProblem.Unauthorized());
        }

        // Segment answers 200 for messages it cannot use and drops them; here they are counted and logged, each alone.
        var unreadable = new List<UnreadableMessage>(request.Unreadable);
        var events = new List<SegmentEvent>(request.Messages.Count);
        foreach (var message in request.Messages)
        {
            try
            {
                events.Add(SegmentEvent.FromJson(message));
            }
            catch (SegmentEventException ex)
            {
                unreadable.Add(new UnreadableMessage(ReadMessageId(message), $"{ex.Field}: {ex.Rule}"));
            }
        }

        switch (await queue.EnqueueAsync(events, context.RequestAborted))
        {
            case EnqueueResult.Closed:
                return Refuse(context, TrackingProblem.ShuttingDown());
            case EnqueueResult.Full:
                return Refuse(context, TrackingProblem.QueueFull());
            case EnqueueResult.Unavailable:
                return Refuse(context, TrackingProblem.QueueUnavailable());
        }

        stats.AddAccepted(request.Messages.Count + request.Unreadable.Count);
        foreach (var message in unreadable)
        {
            stats.AddUnreadable(message.MessageId, message.Reason);
            IngestionLog.Unreadable(logger, message.MessageId, message.Reason);
        }

        if (identityLinks is not null)
        {
            await identityLinks.FeedAsync(events, context.RequestAborted);
        }

        return TrackingResponses.Success();
    }

    private static string? ReadMessageId(System.Text.Json.Nodes.JsonObject message) =>
        message["messageId"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue(out string? id) ? id : null;

    private IResult Refuse(HttpContext context, TrackingProblem problem)
    {
        stats.AddRefusedCall(problem.Code);
        IngestionLog.Refused(logger, context.Request.Path, problem.Code);
        if (problem.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Segment\"";
        }
        else if (problem.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = TrackingProblem.RetryAfterSeconds;
        }

        return TrackingResponses.Problem(problem);
    }
}
