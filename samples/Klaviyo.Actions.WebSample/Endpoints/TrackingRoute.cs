namespace Klaviyo.Actions.WebSample.Endpoints;

/// <summary>One tracking API route: its path, Segment's short alias and the message type it implies (null for batch).</summary>
internal sealed record TrackingRoute(string Path, string Alias, string? Type, int MaxBytes)
{
    public static IReadOnlyList<TrackingRoute> All { get; } =
    [
        new("/v1/identify", "/v1/i", "identify", Ingestion.TrackingLimits.MaxMessageBytes),
        new("/v1/track", "/v1/t", "track", Ingestion.TrackingLimits.MaxMessageBytes),
        new("/v1/page", "/v1/p", "page", Ingestion.TrackingLimits.MaxMessageBytes),
        new("/v1/screen", "/v1/s", "screen", Ingestion.TrackingLimits.MaxMessageBytes),
        new("/v1/group", "/v1/g", "group", Ingestion.TrackingLimits.MaxMessageBytes),
        new("/v1/alias", "/v1/a", "alias", Ingestion.TrackingLimits.MaxMessageBytes),
        new("/v1/batch", "/v1/b", null, Ingestion.TrackingLimits.MaxBatchBytes),
    ];
}
