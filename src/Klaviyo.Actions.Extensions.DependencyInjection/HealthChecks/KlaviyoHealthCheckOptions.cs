namespace Klaviyo.Actions;

/// <summary>Settings of the Klaviyo health check (<c>AddHealthChecks().AddKlaviyo(...)</c>).</summary>
public sealed class KlaviyoHealthCheckOptions
{
    /// <summary>The Klaviyo registration to probe; empty (the default) for <c>AddKlaviyoActions(...)</c> without a name.</summary>
    public string RegistrationName { get; set; } = string.Empty;

    /// <summary>
    /// How long a result is reused before Klaviyo is asked again. The probe endpoint (<c>GET /api/accounts</c>)
    /// allows 15 calls a minute per account, shared with the app; probes every few seconds would burn that budget.
    /// Defaults to 1 minute.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one probe may take before the check reports Degraded. Defaults to 10 seconds.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
