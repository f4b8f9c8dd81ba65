namespace Klaviyo.Actions.WebSample.Endpoints;

/// <summary>Maps Segment's HTTP tracking API (<c>/v1/identify</c>, <c>/v1/track</c>, ..., <c>/v1/batch</c> and the short aliases).</summary>
internal static class TrackingEndpoints
{
    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        foreach (var route in TrackingRoute.All)
        {
            foreach (string path in new[] { route.Path, route.Alias })
            {
                app.MapPost(path, (HttpContext context, TrackingHandler handler) => handler.HandleAsync(context, route))
                    .WithName(path[1..].Replace('/', '-'))
                    .DisableAntiforgery();
            }
        }

        return app;
    }
}
