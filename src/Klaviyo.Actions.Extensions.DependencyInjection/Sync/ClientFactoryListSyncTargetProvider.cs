using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Sync;

/// <summary>
/// Maps a connector's credential name to a <see cref="KlaviyoListSyncTarget"/> over the Klaviyo client registered
/// under that name (<c>AddKlaviyoActions("name", …)</c>); <see cref="KlaviyoListSyncServiceCollectionExtensions.DefaultCredentialName"/>
/// means the default registration unless a registration has that name. A fresh client per run, so a rotated key applies.
/// </summary>
internal sealed class ClientFactoryListSyncTargetProvider(
    IKlaviyoClientFactory clients,
    KlaviyoRegistrations registrations,
    IOptionsMonitor<KlaviyoListSyncTargetOptions> targetOptions) : IKlaviyoListSyncTargetProvider
{
    public IKlaviyoListSyncTarget GetTarget(string credentialName)
    {
        ArgumentNullException.ThrowIfNull(credentialName);
        string registration = Resolve(credentialName)
            ?? throw new KeyNotFoundException(
                $"No Klaviyo client is registered under the credential name '{credentialName}': register it with services.AddKlaviyoActions(\"{credentialName}\", …).");
        var client = clients.CreateClient(registration);
        var options = targetOptions.Get(credentialName);
        return client is KlaviyoClient concrete
            ? new KlaviyoListSyncTarget(concrete, options)
            : throw new InvalidOperationException($"The Klaviyo client registered as '{credentialName}' is a {client.GetType().Name}; list sync needs a KlaviyoClient (bulk APIs).");
    }

    private string? Resolve(string credentialName)
    {
        if (registrations.Find(credentialName) is not null)
        {
            return credentialName;
        }

        return string.Equals(credentialName, KlaviyoListSyncServiceCollectionExtensions.DefaultCredentialName, StringComparison.Ordinal)
            && registrations.Find(Options.DefaultName) is not null
                ? Options.DefaultName
                : null;
    }
}
