using Klaviyo.Actions.WebSample.Ingestion;
using Klaviyo.Actions.WebSample.Ingestion.Redis;

namespace Klaviyo.Actions.WebSample.Endpoints;

/// <summary>
/// <c>GET /v1/stats</c>: what happened to the messages this process accepted and routed since start (no personal data);
/// with Redis delivery, <c>pending</c> and <c>cluster</c> (the counters every process records) cover the whole cluster.
/// </summary>
internal static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/stats", async (IngestionStats stats, IIngestionQueue queue, IServiceProvider services, CancellationToken cancellationToken) => Results.Json(new StatsBody(
            stats.Accepted,
            await queue.GetPendingAsync(cancellationToken),
            stats.Routed,
            stats.Unreadable,
            stats.Unmatched,
            stats.Crashed,
            stats.IntegrationDisabled,
            stats.Received.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            stats.RefusedCalls.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            stats.Actions.ToDictionary(p => p.Key, p => new ActionBody(p.Value.Sent, p.Value.Invalid, p.Value.Failed, p.Value.Warnings), StringComparer.Ordinal),
            stats.RecentProblems,
            await ClusterCounters.ReadAsync(services, cancellationToken))));
        return app;
    }

    private sealed record StatsBody(
        long Accepted,
        long Pending,
        long Routed,
        long Unreadable,
        long Unmatched,
        long Crashed,
        long IntegrationDisabled,
        IReadOnlyDictionary<string, long> Received,
        IReadOnlyDictionary<string, long> RefusedCalls,
        IReadOnlyDictionary<string, ActionBody> Actions,
        IReadOnlyList<IngestionProblem> RecentProblems,
        IReadOnlyDictionary<string, long>? Cluster);

    private sealed record ActionBody(long Sent, long Invalid, long Failed, long Warnings);
}
