using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// <c>POST /api/event-bulk-create-jobs</c> for Track Event and Order Completed. Measuring settles each event as
/// the single call does (<see cref="EventResolver"/>: the caller's <c>unique_id</c>, or the derived one with a
/// missing time stamped from the clock) and serializes its profile and event once; every send and resend writes
/// those bytes. Events whose serialized profiles are identical share an <c>events-bulk-create</c> entry. Two events
/// with the same identifiers, metric and <c>unique_id</c> never share a request (Klaviyo fails the whole request).
/// </summary>
internal sealed class KlaviyoEventCreateEndpoint(KlaviyoTransport transport, TimeProvider timeProvider) : IBulkEndpoint<TrackEventRequest>
{
    public const string Path = "api/event-bulk-create-jobs";

    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();

    /// <inheritdoc />
    public int MeasureEnvelope(BulkGroupKey key) => EventBulkCreateJobDocument.EnvelopeBytes;

    /// <inheritdoc />
    public BulkPartMeasure Measure(TrackEventRequest part) => Measure(part, null, default);

    /// <summary>
    /// Measures the next event of an item: the order's product events carry the order's own <see cref="EventProfile"/>
    /// instance, so its serialized profile and merge key are taken from the previous event instead of written again
    /// (one fragment and one key per order). Only a profile without additional attributes is shared: a caller could
    /// change such a dictionary between two events, while an <see cref="EventProfile"/>'s identifiers cannot change.
    /// </summary>
    public BulkPartMeasure MeasureNext(TrackEventRequest part, in BulkPartMeasure previous) => Measure(part, previous.Wire as BulkEventWire, previous.MergeKey);

    private BulkPartMeasure Measure(TrackEventRequest part, BulkEventWire? previous, BulkKey previousKey)
    {
        ArgumentNullException.ThrowIfNull(part);
        var properties = part.Properties ?? NoProperties;
        JsonFragment evt;
        string uniqueId;
        if (!string.IsNullOrEmpty(part.UniqueId))
        {
            // Nothing to resolve: written straight from the request (the same bytes as through EventResolver).
            uniqueId = part.UniqueId;
            evt = EventBulkCreateEntry.SerializeEvent(part, properties, ActionNames.TrackEvent);
        }
        else
        {
            var data = EventResolver.Resolve(
                part.MetricName, part.Profile, properties, part.Time, part.Value, part.ValueCurrency, part.UniqueId, timeProvider, ActionNames.TrackEvent);
            uniqueId = data.UniqueId;
            evt = EventBulkCreateEntry.SerializeEvent(data, ActionNames.TrackEvent);
        }

        var (profile, mergeKey) = previous is not null && ReferenceEquals(previous.Identity, part.Profile) && part.Profile.AdditionalAttributes is null
            ? (previous.Profile, previousKey)
            : SerializeProfile(part.Profile);
        long bytes = EventBulkCreateEntry.MeasureBytes(profile, evt);
        var wire = new BulkEventWire(profile, evt, uniqueId, part.Profile, part.MetricName);
        return new BulkPartMeasure(
            checked((int)bytes),
            MergeKey: mergeKey,
            MergedBytes: evt.Length + BulkPlanner.RowSeparatorBytes,
            ConflictKey: wire.ConflictKey,
            Wire: wire);
    }

    private static (JsonFragment Fragment, BulkKey Key) SerializeProfile(EventProfile profile)
    {
        var fragment = EventBulkCreateEntry.SerializeProfile(profile, ActionNames.TrackEvent);
        return (fragment, BulkKey.OfUtf8(fragment.Utf8Json));
    }

    /// <inheritdoc />
    public async Task<BulkChunkResponse> SendChunkAsync(BulkGroupKey key, IReadOnlyList<BulkRow<TrackEventRequest>> rows, CancellationToken cancellationToken)
    {
        byte[] body = SerializeBody(rows);
        await transport.SendAsync(KlaviyoOperation.BulkCreateEvents, HttpMethod.Post, Path, body, cancellationToken).ConfigureAwait(false);
        return BulkChunkResponse.Accepted;
    }

    /// <summary>The UTF-8 body of one bulk create job: one entry per row (its profile and every event of the row), in order.</summary>
    /// <param name="rows">The planned rows.</param>
    internal static byte[] SerializeBody(IReadOnlyList<BulkRow<TrackEventRequest>> rows)
    {
        var entries = new EventBulkCreateEntry[rows.Count];
        for (int r = 0; r < entries.Length; r++)
        {
            var planned = rows[r].Planned;
            var events = new JsonFragment[planned.Count];
            for (int p = 0; p < events.Length; p++)
            {
                events[p] = BulkWire.Of<BulkEventWire, TrackEventRequest>(planned[p]).Event;
            }

            entries[r] = EventBulkCreateEntry.Create(BulkWire.Of<BulkEventWire, TrackEventRequest>(planned[0]).Profile, events);
        }

        return KlaviyoWire.Serialize(EventBulkCreateJobDocument.Create(entries), KlaviyoJsonContext.Default.EventBulkCreateJobDocument, ActionNames.TrackEvent);
    }
}
