using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Sync.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL sync-state store for <c>AddKlaviyoListSync()</c>.</summary>
public static class PostgreSqlListSyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="PostgreSqlListSyncStateStore"/> as the <see cref="IListSyncStateStore"/>
    /// (several workers may share the database; one syncs a connector at a time). The container disposes its
    /// connection pool. Uses the registered <see cref="TimeProvider"/>, if any.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="schema">The schema the tables live in; <see cref="PostgreSqlListSyncStateStore.DefaultSchema"/> by default.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static IServiceCollection AddKlaviyoListSyncPostgreSqlStore(this IServiceCollection services, string connectionString, string schema = PostgreSqlListSyncStateStore.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        services.TryAddSingleton<IListSyncStateStore>(sp => new PostgreSqlListSyncStateStore(
            new PostgreSqlListSyncStateStoreOptions { ConnectionString = connectionString, Schema = schema },
            sp.GetService<TimeProvider>()));
        return services;
    }
}
