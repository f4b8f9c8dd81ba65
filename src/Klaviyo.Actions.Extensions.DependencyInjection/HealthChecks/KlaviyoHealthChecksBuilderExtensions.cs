using Klaviyo.Actions;
using Klaviyo.Actions.Extensions.DependencyInjection.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Klaviyo health check.</summary>
public static class KlaviyoHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that Klaviyo accepts the API key (<c>GET /api/accounts</c>, sent once, cached for a minute by
    /// default): Healthy when it does; Unhealthy (or <paramref name="failureStatus"/>) on 401/403 or another client
    /// error; Degraded on 429, 5xx, timeouts and connection failures.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check name. Defaults to <c>klaviyo</c>.</param>
    /// <param name="failureStatus">Reported when the key is rejected; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by, e.g. <c>["ready"]</c>.</param>
    /// <param name="configure">Picks the registration (<see cref="KlaviyoHealthCheckOptions.RegistrationName"/>), cache duration and probe timeout.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddKlaviyo(
        this IHealthChecksBuilder builder,
        string name = "klaviyo",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        Action<KlaviyoHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);

        var options = builder.Services.AddOptions<KlaviyoHealthCheckOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.CacheDuration >= TimeSpan.Zero, $"HealthChecks '{name}': KlaviyoHealthCheckOptions.CacheDuration must not be negative.")
            .Validate(o => o.ProbeTimeout > TimeSpan.Zero, $"HealthChecks '{name}': KlaviyoHealthCheckOptions.ProbeTimeout must be greater than zero.");

        string key = "Klaviyo.HealthCheck:" + name;
        builder.Services.TryAddKeyedSingleton(key, (sp, _) => new KlaviyoHealthCheck(
            name,
            sp.GetRequiredService<IKlaviyoClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<KlaviyoHealthCheckOptions>>(),
            sp));

        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetRequiredKeyedService<KlaviyoHealthCheck>(key),
            failureStatus,
            tags));
    }
}
