using Klaviyo.Actions;
using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Extensions.DependencyInjection.Sync;
using Klaviyo.Actions.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers list sync (<see cref="KlaviyoListSync"/>) over the Klaviyo clients registered with <c>AddKlaviyoActions</c>.</summary>
public static class KlaviyoListSyncServiceCollectionExtensions
{
    /// <summary>
    /// The credential name that means the default registration (<c>AddKlaviyoActions(…)</c> without a name), unless a
    /// registration is named so: <c>default</c>.
    /// </summary>
    public const string DefaultCredentialName = "default";

    /// <summary>
    /// Adds a singleton <see cref="KlaviyoListSync"/> whose connectors' credential names are Klaviyo registration names
    /// (<c>AddKlaviyoActions("name", …)</c>; <see cref="DefaultCredentialName"/> for the default one). Each run gets a
    /// <see cref="KlaviyoListSyncTarget"/> over a fresh client of that registration, configured by the
    /// <see cref="KlaviyoListSyncTargetOptions"/> named after the credential (<c>services.Configure&lt;KlaviyoListSyncTargetOptions&gt;(name, …)</c>,
    /// or <c>ConfigureAll</c>). The state store is the app's choice: register an <see cref="IListSyncStateStore"/>, e.g.
    /// with <c>AddKlaviyoListSyncSqliteStore(path)</c> (Klaviyo.Actions.Sync.Sqlite) or
    /// <c>AddKlaviyoListSyncPostgreSqlStore(connectionString)</c> (Klaviyo.Actions.Sync.PostgreSql).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets batch sizes, the lease duration and the worker name; defaults when <see langword="null"/>.</param>
    /// <returns>The same services.</returns>
    /// <remarks>
    /// Options out of range make resolving <see cref="KlaviyoListSync"/> throw <see cref="ArgumentOutOfRangeException"/> naming the option.
    /// An <see cref="IKlaviyoListSyncTargetProvider"/> registered before this call replaces the one over named clients.
    /// Resolving <see cref="KlaviyoListSync"/> without a registered store throws <see cref="InvalidOperationException"/>
    /// saying how to register one.
    /// </remarks>
    public static IServiceCollection AddKlaviyoListSync(this IServiceCollection services, Action<ListSyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        var options = services.AddOptions<ListSyncOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<KlaviyoListSyncTargetOptions>();
        services.TryAddSingleton<IKlaviyoListSyncTargetProvider>(sp => new ClientFactoryListSyncTargetProvider(
            sp.GetService<IKlaviyoClientFactory>() ?? throw new InvalidOperationException(
                "List sync sends through the Klaviyo clients registered with services.AddKlaviyoActions(…); none is registered."),
            sp.GetRequiredService<KlaviyoRegistrations>(),
            sp.GetRequiredService<IOptionsMonitor<KlaviyoListSyncTargetOptions>>()));
        services.TryAddSingleton(sp => new KlaviyoListSync(
            sp.GetService<IListSyncStateStore>() ?? throw new InvalidOperationException(
                "KlaviyoListSync needs a sync-state store: call services.AddKlaviyoListSyncSqliteStore(path) (Klaviyo.Actions.Sync.Sqlite), "
                + "services.AddKlaviyoListSyncPostgreSqlStore(connectionString) (Klaviyo.Actions.Sync.PostgreSql), or register an IListSyncStateStore."),
            sp.GetRequiredService<IKlaviyoListSyncTargetProvider>(),
            sp.GetRequiredService<IOptions<ListSyncOptions>>().Value,
            KlaviyoServices.TimeProvider(sp),
            sp.GetService<ILogger<KlaviyoListSync>>()));
        return services;
    }
}
