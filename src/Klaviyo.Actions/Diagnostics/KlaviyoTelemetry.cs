using System.Diagnostics;

namespace Klaviyo.Actions.Diagnostics;

/// <summary>The library's activity source; instruments are on <see cref="KlaviyoMetrics"/>.</summary>
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

    /// <summary>The current activity when it is one of ours (an action activity), else <see langword="null"/>.</summary>
    public static Activity? CurrentActionActivity =>
        Activity.Current is { } current && ReferenceEquals(current.Source, ActivitySource) ? current : null;
}
