using Klaviyo.Actions.Batching;
using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions;

public partial class KlaviyoClient
{
    private KlaviyoBulkClient? _bulk;

    /// <summary>
    /// Bulk calls over this client: many requests of any action sent through Klaviyo's bulk endpoints in the fewest
    /// requests Klaviyo allows, with one outcome per item (see <see cref="KlaviyoBulkClientExtensions"/> for typed
    /// calls such as <c>client.Bulk.TrackEventsAsync(events)</c>). Uses this client's transport (rate limiting,
    /// retries), clock and logging, and <see cref="KlaviyoClientOptions.Batching"/> as read on first use. For other
    /// options or a meter factory, create a <see cref="KlaviyoBulkClient"/> yourself.
    /// </summary>
    public virtual IKlaviyoBulkClient Bulk
    {
        get
        {
            var bulk = Volatile.Read(ref _bulk);
            if (bulk is null)
            {
                Interlocked.CompareExchange(ref _bulk, new KlaviyoBulkClient(this), null);
                bulk = Volatile.Read(ref _bulk)!;
            }

            return bulk;
        }
    }

    /// <summary>The clock this client stamps events with.</summary>
    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>The transport every call goes through (benchmarks measure it alone).</summary>
    internal Http.KlaviyoTransport Transport => _transport;

    /// <summary>The logger factory this client logs through.</summary>
    internal ILoggerFactory LoggerFactory => _loggerFactory;

    /// <summary>The batching options of the client's current options (defaults when the client has none).</summary>
    internal KlaviyoBatchingOptions BatchingOptions => _options?.Invoke().Batching ?? new KlaviyoBatchingOptions();

    /// <summary>The bulk engine's endpoints over this client's transport and clock.</summary>
    /// <exception cref="InvalidOperationException">The client was created for a mocking framework and has no transport.</exception>
    internal KlaviyoBulkEndpoints CreateBulkEndpoints() =>
        _transport is null
            ? throw new InvalidOperationException("This KlaviyoClient was created without a transport (for mocking); it cannot send bulk requests.")
            : KlaviyoWireEndpoints.Create(_transport, _timeProvider);
}
