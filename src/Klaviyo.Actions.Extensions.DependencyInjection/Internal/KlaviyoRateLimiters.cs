using System.Threading.RateLimiting;
using Klaviyo.Actions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>
/// Where each registration's rate limiter lives in the container: a keyed singleton per registration. By default it is
/// the container's one <see cref="KlaviyoInProcessRateLimiter"/>, which partitions by account, so registrations and
/// clients of one API key share their limits and other keys do not; <c>UseRateLimiter</c> (e.g.
/// <c>AddRedisRateLimiting</c>) replaces it for one registration.
/// </summary>
internal static class KlaviyoRateLimiters
{
    /// <summary>The service key of the limiter of registration <paramref name="name"/>.</summary>
    public static string KeyFor(string name) => "Klaviyo.RateLimiter:" + name;

    /// <summary>Adds the default limiter of registration <paramref name="name"/> unless one is set.</summary>
    public static void AddDefault(IServiceCollection services, string name)
    {
        services.TryAddSingleton(static sp => new KlaviyoInProcessRateLimiter(KlaviyoServices.TimeProvider(sp)));
        services.TryAddKeyedSingleton<PartitionedRateLimiter<KlaviyoRateLimitRequest>>(
            KeyFor(name),
            static (sp, _) => sp.GetRequiredService<KlaviyoInProcessRateLimiter>());
    }

    /// <summary>The limiter of registration <paramref name="name"/>.</summary>
    public static PartitionedRateLimiter<KlaviyoRateLimitRequest> Get(IServiceProvider services, string name) =>
        services.GetKeyedService<PartitionedRateLimiter<KlaviyoRateLimitRequest>>(KeyFor(name)) ??
        services.GetRequiredService<KlaviyoInProcessRateLimiter>();
}
