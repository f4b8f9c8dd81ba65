using System.Runtime.CompilerServices;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Sync;

/// <summary>
/// An <see cref="IKlaviyoReadClient"/> that asks the client factory for a fresh client of one registration on every
/// call, so a long-lived sync picks up rotated keys and handler rotation like any other unit of work.
/// </summary>
internal sealed class FactoryReadClient(IKlaviyoClientFactory factory, string registration) : IKlaviyoReadClient
{
    public IAsyncEnumerable<KlaviyoPage<KlaviyoProfile>> GetProfilesUpdatedAfterAsync(DateTimeOffset updatedAfter, int pageSize = 100, CancellationToken cancellationToken = default) =>
        Client().GetProfilesUpdatedAfterAsync(updatedAfter, pageSize, cancellationToken);

    public IAsyncEnumerable<KlaviyoPage<KlaviyoEvent>> GetEventsAfterAsync(DateTimeOffset after, string? metricId = null, CancellationToken cancellationToken = default) =>
        Client().GetEventsAfterAsync(after, metricId, cancellationToken);

    public Task<IReadOnlyList<KlaviyoMetric>> GetMetricsAsync(CancellationToken cancellationToken = default) =>
        Client().GetMetricsAsync(cancellationToken);

    private IKlaviyoReadClient Client() =>
        factory.CreateClient(registration) as IKlaviyoReadClient ?? throw new InvalidOperationException(
            $"The Klaviyo clients of registration '{registration}' cannot read (they do not implement IKlaviyoReadClient); register the default client factory, or an IKlaviyoReadClient.");
}
