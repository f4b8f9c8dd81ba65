using Klaviyo.Actions.Redis.Delivery;
using StackExchange.Redis;

namespace Klaviyo.Actions.WebSample.Ingestion.Redis;

/// <summary>The cluster-wide counters for <c>/v1/stats</c>: null without Redis delivery, or when Redis cannot be reached.</summary>
internal static class ClusterCounters
{
    public static async Task<IReadOnlyDictionary<string, long>?> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<RedisOutcomeReader>() is not { } reader)
        {
            return null;
        }

        try
        {
            var counters = new Dictionary<string, long>(await reader.GetCountersAsync(cancellationToken), StringComparer.Ordinal)
            {
                ["outstanding"] = await reader.GetOutstandingAsync(cancellationToken),
                ["dead_letters"] = await reader.GetDeadLetterCountAsync(cancellationToken),
            };
            return counters;
        }
        catch (RedisException)
        {
            return null;
        }
    }
}
