using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Builds the <see cref="KlaviyoDestination"/>: mappings from <c>WebSample:MappingsFile</c> (Segment's JSON) or
/// <see cref="DefaultMappings"/>, delivering through the registered background queue (<see cref="KlaviyoBatcher"/>).
/// </summary>
internal static class DestinationFactory
{
    public static KlaviyoDestination Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<WebSampleOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DestinationFactory));
        var configuration = Load(options.MappingsFile, out string source);
        foreach (string warning in configuration.Warnings)
        {
            IngestionLog.MappingWarning(logger, warning);
        }

        IngestionLog.Mappings(logger, configuration.Mappings.Count, source);
        var client = services.GetRequiredService<IKlaviyoClient>();
        return new KlaviyoDestination(configuration, client, new KlaviyoDestinationOptions
        {
            Delivery = services.GetRequiredService<KlaviyoBatcher>(),
            TimeProvider = services.GetService<TimeProvider>(),
        });
    }

    private static DestinationConfiguration Load(string? path, out string source)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            source = "Segment's defaults (batched)";
            return DestinationConfiguration.Parse(DefaultMappings.Json);
        }

        source = path;
        return DestinationConfiguration.Parse(File.ReadAllBytes(path));
    }
}
