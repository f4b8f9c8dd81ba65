using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Sync.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite sync-state store for <c>AddKlaviyoListSync()</c>.</summary>
public static class SqliteListSyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="SqliteListSyncStateStore"/> as the <see cref="IListSyncStateStore"/>, keeping
    /// its state in one file (created with its folder on first use). Uses the registered <see cref="TimeProvider"/>, if any.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="databasePath">The database file, e.g. <c>state/list-sync.db</c>.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static IServiceCollection AddKlaviyoListSyncSqliteStore(this IServiceCollection services, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return AddKlaviyoListSyncSqliteStore(services, o => o.DatabasePath = databasePath);
    }

    /// <summary>Registers a singleton <see cref="SqliteListSyncStateStore"/> as the <see cref="IListSyncStateStore"/>, configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets <see cref="SqliteListSyncStateStoreOptions.DatabasePath"/> and, optionally, the busy timeout.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddKlaviyoListSyncSqliteStore(this IServiceCollection services, Action<SqliteListSyncStateStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton<IListSyncStateStore>(sp =>
        {
            var options = new SqliteListSyncStateStoreOptions { DatabasePath = "" };
            configure(options);
            if (string.IsNullOrWhiteSpace(options.DatabasePath))
            {
                throw new InvalidOperationException("SqliteListSyncStateStoreOptions.DatabasePath is required: the file the list-sync state is kept in.");
            }

            return new SqliteListSyncStateStore(options, sp.GetService<TimeProvider>());
        });
        return services;
    }
}
