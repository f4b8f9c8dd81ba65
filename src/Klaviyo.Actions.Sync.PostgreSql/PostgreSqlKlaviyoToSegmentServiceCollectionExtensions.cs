using Klaviyo.Actions.Sync.PostgreSql;
using Klaviyo.Actions.Sync.Segment;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL cursor store for <c>AddKlaviyoToSegmentSync()</c>.</summary>
public static class PostgreSqlKlaviyoToSegmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="PostgreSqlKlaviyoToSegmentCursorStore"/> as the <see cref="IKlaviyoToSegmentCursorStore"/>.
    /// The container disposes its connection pool. Uses the registered <see cref="TimeProvider"/>, if any.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="schema">The schema the table lives in; <see cref="PostgreSqlListSyncStateStore.DefaultSchema"/> by default.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static IServiceCollection AddKlaviyoToSegmentPostgreSqlCursorStore(this IServiceCollection services, string connectionString, string schema = PostgreSqlListSyncStateStore.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        services.TryAddSingleton<IKlaviyoToSegmentCursorStore>(sp => new PostgreSqlKlaviyoToSegmentCursorStore(
            new PostgreSqlListSyncStateStoreOptions { ConnectionString = connectionString, Schema = schema },
            sp.GetService<TimeProvider>()));
        return services;
    }
}
