using System.Diagnostics.Metrics;
using Klaviyo.Actions;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Extensions.DependencyInjection.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using OptionsNames = Microsoft.Extensions.Options.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Klaviyo.Actions: <see cref="IKlaviyoClient"/> and <see cref="IKlaviyoClientFactory"/> over
/// <see cref="IHttpClientFactory"/>, options bound and validated at start, the built-in resilience pipeline
/// (client-side rate limiter, timeouts, retries honouring Retry-After) and telemetry.
/// </summary>
public static class KlaviyoActionsServiceCollectionExtensions
{
    /// <summary>The configuration section bound by default: <c>Klaviyo</c>.</summary>
    public const string DefaultSectionName = "Klaviyo";

    /// <summary>
    /// Registers the default Klaviyo client bound to the <c>Klaviyo</c> section of the app's
    /// <see cref="IConfiguration"/> (<c>ApiKey</c>, <c>Revision</c>, <c>BaseAddress</c>, <c>Resilience:*</c>,
    /// <c>RateLimiting:*</c>, <c>Batching:*</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IKlaviyoActionsBuilder AddKlaviyoActions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = AddRegistration(services, OptionsNames.DefaultName, DefaultSectionName);
        services.AddOptions<KlaviyoClientOptions>(OptionsNames.DefaultName).BindConfiguration(DefaultSectionName);
        return builder;
    }

    /// <summary>Registers the default Klaviyo client configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options, at least <see cref="KlaviyoClientOptions.ApiKey"/>.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IKlaviyoActionsBuilder AddKlaviyoActions(this IServiceCollection services, Action<KlaviyoClientOptions> configure) =>
        AddKlaviyoActions(services, OptionsNames.DefaultName, configure);

    /// <summary>
    /// Registers the default Klaviyo client bound to <paramref name="configuration"/>: a section is bound as is;
    /// a configuration root (e.g. <c>builder.Configuration</c>) has its <c>Klaviyo</c> section bound. Reloads of
    /// the configuration (a rotated key) apply to the next request.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The <c>Klaviyo</c> section, or the configuration root.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IKlaviyoActionsBuilder AddKlaviyoActions(this IServiceCollection services, IConfiguration configuration) =>
        AddKlaviyoActions(services, OptionsNames.DefaultName, configuration);

    /// <summary>Registers a named Klaviyo client configured in code, for apps that talk to several accounts.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The registration name, used with <see cref="IKlaviyoClientFactory.CreateClient(string)"/> and as the service key of <see cref="IKlaviyoClient"/>.</param>
    /// <param name="configure">Sets the options, at least <see cref="KlaviyoClientOptions.ApiKey"/>.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IKlaviyoActionsBuilder AddKlaviyoActions(this IServiceCollection services, string name, Action<KlaviyoClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddRegistration(services, name, sectionPath: null);
        services.Configure(name, configure);
        return builder;
    }

    /// <summary>Registers a named Klaviyo client bound to a configuration section, for apps that talk to several accounts.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The registration name, used with <see cref="IKlaviyoClientFactory.CreateClient(string)"/> and as the service key of <see cref="IKlaviyoClient"/>.</param>
    /// <param name="configuration">The section (e.g. <c>Klaviyo:Accounts:Europe</c>), or a configuration root whose <c>Klaviyo</c> section is bound.</param>
    /// <returns>A builder for further configuration.</returns>
    public static IKlaviyoActionsBuilder AddKlaviyoActions(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration as IConfigurationSection ?? configuration.GetSection(DefaultSectionName);
        var builder = AddRegistration(services, name, section.Path);
        services.AddOptions<KlaviyoClientOptions>(name).Bind(section);
        return builder;
    }

    /// <summary>Adds the shared services once, and the registration for <paramref name="name"/> once.</summary>
    private static KlaviyoActionsBuilder AddRegistration(IServiceCollection services, string name, string? sectionPath)
    {
        services.AddOptions();
        services.AddHttpClient();
        services.TryAddSingleton(sp => KlaviyoMetrics.Create(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<KlaviyoRegistrations>();
        services.TryAddSingleton<KlaviyoSendPolicyProvider>();
        services.TryAddSingleton<IKlaviyoClientFactory, KlaviyoClientFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KlaviyoClientOptions>, KlaviyoClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpClientFactoryOptions>, StackedResilienceHandlerRemover>());

        var registration = FindRegistration(services, name);
        if (registration is null)
        {
            registration = new KlaviyoRegistration(name);
            services.AddSingleton(registration);
            KlaviyoRateLimiters.AddDefault(services, name);
            services.AddOptions<KlaviyoClientOptions>(name).ValidateOnStart();

            // Timeouts belong to the Klaviyo pipeline (per attempt and in total); HttpClient's own 100 s would
            // cut a long attempt short. Without the pipeline the default stays, so a call can never hang.
            services.AddHttpClient(registration.HttpClientName)
                .ConfigureHttpClient((sp, client) =>
                {
                    if (sp.GetRequiredService<IOptionsMonitor<KlaviyoClientOptions>>().Get(name).Resilience.Enabled)
                    {
                        client.Timeout = Timeout.InfiniteTimeSpan;
                    }
                })
                // IHttpClientFactory's default logging hands the raw Authorization header to structured loggers
                // at trace level (only its message text is redacted), so Klaviyo clients drop it: the transport
                // logs every attempt itself (method, path without query, status, duration). If an app adds
                // the default logger back, header values outside an allow-list are at least redacted in text.
                .RemoveAllLoggers()
                .RedactLoggedHeaders(LoggedHeaders.ShouldRedact);

            if (name.Length == 0)
            {
                services.TryAddTransient(sp => sp.GetRequiredService<IKlaviyoClientFactory>().CreateClient(OptionsNames.DefaultName));
            }

            services.TryAddKeyedTransient<IKlaviyoClient>(name, static (sp, key) => sp.GetRequiredService<IKlaviyoClientFactory>().CreateClient((string)key!));
        }

        if (sectionPath is not null)
        {
            registration.SettingPrefix = sectionPath;
        }

        return new KlaviyoActionsBuilder(services, name);
    }

    private static KlaviyoRegistration? FindRegistration(IServiceCollection services, string name)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(KlaviyoRegistration) &&
                !descriptor.IsKeyedService &&
                descriptor.ImplementationInstance is KlaviyoRegistration registration &&
                registration.Name == name)
            {
                return registration;
            }
        }

        return null;
    }
}
