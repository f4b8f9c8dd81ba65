using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Sync.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite cursor store for <c>AddKlaviyoToSegmentSync()</c>.</summary>
public static class SqliteKlaviyoToSegmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="SqliteKlaviyoToSegmentCursorStore"/> as the <see cref="IKlaviyoToSegmentCursorStore"/>
    /// (give the list-sync store's path to keep all sync state in one file). Uses the registered <see cref="TimeProvider"/>, if any.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="databasePath">The database file, e.g. <c>state/sync.db</c>.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static IServiceCollection AddKlaviyoToSegmentSqliteCursorStore(this IServiceCollection services, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        services.TryAddSingleton<IKlaviyoToSegmentCursorStore>(sp => new SqliteKlaviyoToSegmentCursorStore(
            new SqliteListSyncStateStoreOptions { DatabasePath = databasePath },
            sp.GetService<TimeProvider>()));
        return services;
    }
}
