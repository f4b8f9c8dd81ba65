using System.Threading.RateLimiting;
using Klaviyo.Actions;
using Klaviyo.Actions.Extensions.DependencyInjection.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the rate limiter a Klaviyo registration's clients wait in.</summary>
public static class KlaviyoRateLimiterBuilderExtensions
{
    /// <summary>
    /// Makes every client of this registration wait for Klaviyo's rate limits in the limiter
    /// <paramref name="factory"/> creates: once per container (a singleton the container disposes), shared by all the
    /// registration's clients. Without this, registrations use the container's <see cref="KlaviyoInProcessRateLimiter"/>,
    /// shared by all clients of the same API key in the container.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="factory">Creates the limiter; see <see cref="KlaviyoRateLimitRequest"/> for the contract it keeps.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder UseRateLimiter(
        this IKlaviyoActionsBuilder builder,
        Func<IServiceProvider, PartitionedRateLimiter<KlaviyoRateLimitRequest>> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        string key = KlaviyoRateLimiters.KeyFor(builder.Name);
        for (int i = builder.Services.Count - 1; i >= 0; i--)
        {
            var descriptor = builder.Services[i];
            if (descriptor.IsKeyedService &&
                descriptor.ServiceType == typeof(PartitionedRateLimiter<KlaviyoRateLimitRequest>) &&
                Equals(descriptor.ServiceKey, key))
            {
                builder.Services.RemoveAt(i);
            }
        }

        builder.Services.AddKeyedSingleton(key, (sp, _) => factory(sp));
        return builder;
    }
}
