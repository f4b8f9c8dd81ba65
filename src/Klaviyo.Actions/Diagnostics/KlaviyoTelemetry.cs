using System.Diagnostics;

namespace Klaviyo.Actions.Diagnostics;

/// <summary>The library's activity source (and, from the host-integration work, its instruments).</summary>
internal static class KlaviyoTelemetry
{
    public static readonly ActivitySource ActivitySource = new(KlaviyoDiagnostics.ActivitySourceName);

    /// <summary>Starts the activity of one action call, e.g. <c>upsertProfile</c>; <see langword="null"/> when nobody listens.</summary>
    /// <param name="action">The Segment action slug or destination-level call name.</param>
    public static Activity? StartAction(string action)
    {
        var activity = ActivitySource.StartActivity("Klaviyo " + action, ActivityKind.Internal);
        activity?.SetTag("klaviyo.action", action);
        return activity;
    }
}
