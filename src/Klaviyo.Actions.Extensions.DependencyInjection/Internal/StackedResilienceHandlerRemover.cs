using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>
/// Keeps resilience handlers out of the Klaviyo HttpClients while the Klaviyo pipeline is on. Apps that call
/// <c>ConfigureHttpClientDefaults(b =&gt; b.AddStandardResilienceHandler())</c> (Aspire service defaults) would
/// otherwise retry inside every Klaviyo retry: up to (1 + 6) × (1 + 3) attempts per call, with Retry-After
/// honoured twice and POSTs retried that the Klaviyo pipeline deliberately does not retry.
/// </summary>
/// <remarks>
/// Runs as a post-configure step, so it sees handlers added in any order — before or after
/// <c>AddKlaviyoActions</c> — and removes them when the handler chain is built. The public
/// <c>RemoveAllResilienceHandlers()</c> does the same but is experimental (EXTEXP0001) and unconditional;
/// this one leaves the handlers in place when <c>Resilience:Enabled</c> is false, so an app can use its own.
/// </remarks>
internal sealed class StackedResilienceHandlerRemover(KlaviyoRegistrations registrations) : IPostConfigureOptions<HttpClientFactoryOptions>
{
    public void PostConfigure(string? name, HttpClientFactoryOptions options)
    {
        if (name is null || registrations.FindByHttpClientName(name) is not { } registration)
        {
            return;
        }

        options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            var klaviyo = builder.Services.GetRequiredService<IOptionsMonitor<KlaviyoClientOptions>>().Get(registration.Name);
            if (!klaviyo.Resilience.Enabled)
            {
                return;
            }

            int removed = 0;
            for (int i = builder.AdditionalHandlers.Count - 1; i >= 0; i--)
            {
                if (builder.AdditionalHandlers[i] is ResilienceHandler)
                {
                    builder.AdditionalHandlers.RemoveAt(i);
                    removed++;
                }
            }

            if (removed > 0)
            {
                Log.StackedResilienceRemoved(KlaviyoServices.LoggerFactory(builder.Services).CreateLogger<KlaviyoClient>(), removed, registration.HttpClientName);
            }
        });
    }
}
