namespace Klaviyo.Actions;

/// <summary>Names of the library's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
public static class KlaviyoDiagnostics
{
    /// <summary>The activity source name: <c>Klaviyo.Actions</c>.</summary>
    public const string ActivitySourceName = "Klaviyo.Actions";

    /// <summary>The meter name: <c>Klaviyo.Actions</c>.</summary>
    public const string MeterName = "Klaviyo.Actions";
}
