using System.Diagnostics.Metrics;
using Klaviyo.Actions;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the background queue (<see cref="IKlaviyoBatcher"/>) for a Klaviyo registration.</summary>
public static class KlaviyoBatchingServiceCollectionExtensions
{
    /// <summary>What the host's shutdown timeout keeps beyond the queue's drain timeout: time to report the last outcomes and stop the other services.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds a singleton <see cref="IKlaviyoBatcher"/> (and <see cref="IKlaviyoBulkClient"/>) for the default
    /// registration, configured by <c>Klaviyo:Batching</c>, and a hosted service that drains it when the host stops
    /// (within <see cref="KlaviyoBatchingOptions.ShutdownDrainTimeout"/>; whatever is left completes as Failed, is
    /// logged and counted — never dropped silently). The host's <see cref="HostOptions.ShutdownTimeout"/> is raised,
    /// when it is shorter, to the drain timeout plus <see cref="ShutdownMargin"/>, so the drain always ends before the
    /// host gives up on its services.
    /// </summary>
    /// <param name="builder">The default registration (<c>AddKlaviyoActions(...)</c>).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="NotSupportedException">The registration is a named one.</exception>
    public static IKlaviyoActionsBuilder AddBackgroundBatching(this IKlaviyoActionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Name.Length != 0)
        {
            throw new NotSupportedException("Background batching is registered for the default Klaviyo registration; for a named account create a KlaviyoBatcher over IKlaviyoClientFactory.CreateClient(name).");
        }

        var services = builder.Services;
        services.TryAddSingleton(sp => new KlaviyoBulkClient(
            (KlaviyoClient)sp.GetRequiredService<IKlaviyoClientFactory>().CreateClient(),
            sp.GetRequiredService<IOptionsMonitor<KlaviyoClientOptions>>().Get(Options.Options.DefaultName).Batching,
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IKlaviyoBulkClient>(sp => sp.GetRequiredService<KlaviyoBulkClient>());
        services.TryAddSingleton(sp => new KlaviyoBatcher(sp.GetRequiredService<KlaviyoBulkClient>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IKlaviyoBatcher>(sp => sp.GetRequiredService<KlaviyoBatcher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KlaviyoBatcherShutdownService>());
        services.AddOptions<HostOptions>().PostConfigure<IOptionsMonitor<KlaviyoClientOptions>>((host, klaviyo) =>
        {
            var needed = klaviyo.Get(Options.Options.DefaultName).Batching.ShutdownDrainTimeout + ShutdownMargin;
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return builder;
    }
}
