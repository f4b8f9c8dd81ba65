using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions.Tests.Batching.Wire.Support;

/// <summary>The size the planner computes for a request, from the endpoint's own measures.</summary>
internal static class WireSizes
{
    /// <summary>Envelope + each row (its first part's bytes, then each merged part's bytes) + one comma between rows.</summary>
    public static long Planned<TPart>(IBulkEndpoint<TPart> endpoint, BulkGroupKey key, params TPart[][] rows)
    {
        long size = endpoint.MeasureEnvelope(key) + Math.Max(0, rows.Length - 1);
        foreach (var row in rows)
        {
            size += endpoint.Measure(row[0]).Bytes;
            foreach (var merged in row.Skip(1))
            {
                size += endpoint.Measure(merged).MergedBytes;
            }
        }

        return size;
    }

    public static UpsertProfileRequest Normalized(UpsertProfileRequest request) => KlaviyoRequestValidator.Validate(request).GetNormalizedOrThrow("test");

    public static SubscribeProfileRequest Normalized(SubscribeProfileRequest request) => KlaviyoRequestValidator.Validate(request).GetNormalizedOrThrow("test");

    public static UnsubscribeProfileRequest Normalized(UnsubscribeProfileRequest request) => KlaviyoRequestValidator.Validate(request).GetNormalizedOrThrow("test");

    public static TrackEventRequest Normalized(TrackEventRequest request, TimeProvider clock) => KlaviyoRequestValidator.Validate(request, clock).GetNormalizedOrThrow("test");
}
