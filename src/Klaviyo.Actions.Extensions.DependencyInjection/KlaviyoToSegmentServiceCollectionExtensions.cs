using Klaviyo.Actions;
using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Extensions.DependencyInjection.Sync;
using Klaviyo.Actions.Extensions.DependencyInjection.Validation;
using Klaviyo.Actions.Sync.Segment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Klaviyo → Segment sync (<see cref="KlaviyoToSegmentSync"/>) and the hosted service that runs it on an interval.</summary>
public static class KlaviyoToSegmentServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> that calls Segment's tracking API; configure it with
    /// <c>services.AddHttpClient(SegmentHttpClientName)</c> (a proxy, a handler). Its loggers are removed: the
    /// Authorization header carries the write key.
    /// </summary>
    public const string SegmentHttpClientName = "Klaviyo.Actions.Segment";

    /// <summary>
    /// Adds a singleton <see cref="KlaviyoToSegmentSync"/> reading through the Klaviyo registration
    /// <paramref name="klaviyoRegistration"/> (<c>AddKlaviyoActions(…)</c>; the default one when empty) and a hosted service
    /// running it at start and then every <see cref="KlaviyoToSegmentOptions.Interval"/> on the app's
    /// <see cref="TimeProvider"/>. Options are validated when the host starts. The cursor store is the app's choice:
    /// <c>AddKlaviyoToSegmentSqliteCursorStore(path)</c> (Klaviyo.Actions.Sync.Sqlite),
    /// <c>AddKlaviyoToSegmentPostgreSqlCursorStore(connectionString)</c> (Klaviyo.Actions.Sync.PostgreSql), or any
    /// <see cref="IKlaviyoToSegmentCursorStore"/>; without one, an in-memory store is used and a warning is logged,
    /// since every restart would then start again from <see cref="KlaviyoToSegmentOptions.Since"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the write key, source of truth, metrics and interval.</param>
    /// <param name="klaviyoRegistration">The Klaviyo registration to read with; empty for the default one.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddKlaviyoToSegmentSync(this IServiceCollection services, Action<KlaviyoToSegmentOptions> configure, string klaviyoRegistration = "")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services, klaviyoRegistration).Configure(configure);
        return services;
    }

    /// <summary>
    /// <see cref="AddKlaviyoToSegmentSync(IServiceCollection, Action{KlaviyoToSegmentOptions}, string)"/> with the options
    /// bound from a configuration section (e.g. <c>KlaviyoToSegment</c>: <c>Segment:WriteKey</c>, <c>Segment:Region</c>,
    /// <c>SourceOfTruth</c>, <c>MetricNames:0</c>, <c>Interval</c>, …).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section.</param>
    /// <param name="klaviyoRegistration">The Klaviyo registration to read with; empty for the default one.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddKlaviyoToSegmentSync(this IServiceCollection services, IConfiguration section, string klaviyoRegistration = "")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        AddCore(services, klaviyoRegistration).Bind(section);
        return services;
    }

    private static OptionsBuilder<KlaviyoToSegmentOptions> AddCore(IServiceCollection services, string klaviyoRegistration)
    {
        ArgumentNullException.ThrowIfNull(klaviyoRegistration);
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KlaviyoToSegmentOptions>, KlaviyoToSegmentOptionsValidator>());
        services.AddHttpClient(SegmentHttpClientName).RemoveAllLoggers();
        services.TryAddSingleton(sp =>
        {
            var loggers = KlaviyoServices.LoggerFactory(sp);
            var store = sp.GetService<IKlaviyoToSegmentCursorStore>();
            if (store is null)
            {
                Log.InMemoryCursors(loggers.CreateLogger<KlaviyoToSegmentSync>());
                store = new InMemoryKlaviyoToSegmentCursorStore();
            }

            var reader = sp.GetService<IKlaviyoReadClient>() ?? new FactoryReadClient(
                sp.GetService<IKlaviyoClientFactory>() ?? throw new InvalidOperationException(
                    "The Klaviyo → Segment sync reads through the Klaviyo clients registered with services.AddKlaviyoActions(…); none is registered."),
                klaviyoRegistration);
            return new KlaviyoToSegmentSync(
                reader,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(SegmentHttpClientName),
                store,
                sp.GetRequiredService<IOptions<KlaviyoToSegmentOptions>>().Value,
                KlaviyoServices.TimeProvider(sp),
                loggers);
        });
        services.AddHostedService<KlaviyoToSegmentSyncService>();
        return services.AddOptions<KlaviyoToSegmentOptions>().ValidateOnStart();
    }
}
