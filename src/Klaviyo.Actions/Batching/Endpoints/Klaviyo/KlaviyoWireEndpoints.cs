using Klaviyo.Actions.Http;

namespace Klaviyo.Actions.Batching;

/// <summary>Builds the bulk engine's endpoints over a client's transport and clock.</summary>
internal static class KlaviyoWireEndpoints
{
    /// <summary>
    /// Every bulk endpoint, the look-up for removals, the import-job reader, and the client's own Order Completed
    /// expansion (so bulk orders carry the same event ids as <see cref="KlaviyoClient.TrackOrderCompletedAsync"/>).
    /// </summary>
    /// <param name="transport">The client's transport (rate limiting, retries, auth).</param>
    /// <param name="timeProvider">The client's clock: stamps events sent without a time.</param>
    public static KlaviyoBulkEndpoints Create(KlaviyoTransport transport, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new KlaviyoBulkEndpoints
        {
            ProfileImport = new KlaviyoProfileImportEndpoint(transport),
            EventCreate = new KlaviyoEventCreateEndpoint(transport, timeProvider),
            Subscribe = new KlaviyoSubscribeEndpoint(transport),
            Unsubscribe = new KlaviyoUnsubscribeEndpoint(transport),
            ListRemove = KlaviyoListMembershipEndpoint.Remove(transport),
            ListAdd = KlaviyoListMembershipEndpoint.Add(transport),
            ProfileLookup = new KlaviyoProfileIdResolver(transport),
            ImportJobs = new KlaviyoImportJobTracker(transport),
            OrderEvents = new OrderEventExpander(timeProvider),
        };
    }
}
