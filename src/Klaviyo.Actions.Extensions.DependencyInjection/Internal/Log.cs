using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>Log messages of the DI package, with stable event ids (100–199). Never the API key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 101, EventName = "KlaviyoStackedResilienceRemoved", Level = LogLevel.Information,
        Message = "Removed {Count} resilience handler(s) from the Klaviyo HttpClient '{HttpClientName}': Klaviyo calls already retry in their own pipeline, and stacked handlers would multiply attempts. Set Resilience:Enabled=false to use your handler instead.")]
    public static partial void StackedResilienceRemoved(ILogger logger, int count, string httpClientName);

    [LoggerMessage(EventId = 102, EventName = "KlaviyoHealthCheckProbe", Level = LogLevel.Debug,
        Message = "Klaviyo health check '{Check}' probed registration '{Registration}': {Status}.")]
    public static partial void HealthCheckProbed(ILogger logger, string check, string registration, string status);

    [LoggerMessage(EventId = 111, EventName = "KlaviyoToSegmentInMemoryCursors", Level = LogLevel.Warning,
        Message = "No IKlaviyoToSegmentCursorStore is registered: Klaviyo → Segment cursors are kept in memory, and each restart reads Klaviyo again from KlaviyoToSegmentOptions.Since.")]
    public static partial void InMemoryCursors(ILogger logger);
}
