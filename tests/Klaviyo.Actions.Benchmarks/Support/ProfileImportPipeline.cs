using Klaviyo.Actions.Batching;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// The bulk client's profile-import path without HTTP, step for step: <see cref="BulkEngine.Prepare"/> per item
/// (validation, E.164 normalization, one serialization of the profile while measuring), grouping by list, the
/// real <see cref="BulkPlanner"/> (10,000 profiles / 5 MB per job), and the real request body
/// (<see cref="KlaviyoProfileImportEndpoint.SerializeBody"/>). Every body's length is checked against the
/// planner's byte count, so a benchmark run also proves the sizes are exact.
/// </summary>
internal sealed class ProfileImportPipeline
{
    private readonly BulkEngine _engine;
    private readonly IBulkEndpoint<UpsertProfileRequest> _endpoint;

    public ProfileImportPipeline()
    {
        var endpoints = OfflineKlaviyo.Endpoints();
        _endpoint = endpoints.ProfileImport;
        _engine = new BulkEngine(endpoints, new KlaviyoBatchingOptions(), TimeProvider.System, BatchingTelemetry.For(null), NullLogger.Instance);
    }

    /// <summary>Prepares, plans and serializes <paramref name="items"/>; returns the jobs and their total bytes.</summary>
    public (int Jobs, long Bytes) Run(IReadOnlyList<KlaviyoBatchItem> items)
    {
        var groups = new Dictionary<BulkGroupKey, List<PlannedPart<UpsertProfileRequest>>>();
        var order = new List<BulkGroupKey>();
        for (int i = 0; i < items.Count; i++)
        {
            if (_engine.Prepare(items[i]) is not PartsItem<UpsertProfileRequest> prepared)
            {
                throw new InvalidOperationException($"Profile {i} was not prepared for import (invalid sample data?).");
            }

            if (!groups.TryGetValue(prepared.Key, out var parts))
            {
                groups[prepared.Key] = parts = [];
                order.Add(prepared.Key);
            }

            parts.Add(new PlannedPart<UpsertProfileRequest>(prepared.Parts[0], i, prepared.Measures[0]));
        }

        return PlanAndSerialize(groups, order);
    }

    /// <summary>Plans measured parts and serializes every job body (no validation or measuring).</summary>
    public (int Jobs, long Bytes) PlanAndSerialize(Dictionary<BulkGroupKey, List<PlannedPart<UpsertProfileRequest>>> groups, List<BulkGroupKey> order)
    {
        var chunks = new List<BulkChunk<UpsertProfileRequest>>();
        var oversized = new List<PlannedPart<UpsertProfileRequest>>();
        int jobs = 0;
        long bytes = 0;
        foreach (var key in order)
        {
            chunks.Clear();
            BulkPlanner.Plan(BulkEndpointDescriptor.ProfileImport, key, _endpoint.MeasureEnvelope(key), groups[key], chunks, oversized);
            if (oversized.Count > 0)
            {
                throw new InvalidOperationException("A sample profile was oversized.");
            }

            foreach (var chunk in chunks)
            {
                byte[] body = KlaviyoProfileImportEndpoint.SerializeBody(key, chunk.Rows);
                if (body.Length != chunk.Bytes)
                {
                    throw new InvalidOperationException($"Planned {chunk.Bytes} bytes but the body has {body.Length}.");
                }

                jobs++;
                bytes += body.Length;
            }
        }

        return (jobs, bytes);
    }

    /// <summary>Prepares and groups items once (for benchmarks of the later steps alone).</summary>
    public (Dictionary<BulkGroupKey, List<PlannedPart<UpsertProfileRequest>>> Groups, List<BulkGroupKey> Order) Measure(IReadOnlyList<KlaviyoBatchItem> items)
    {
        var groups = new Dictionary<BulkGroupKey, List<PlannedPart<UpsertProfileRequest>>>();
        var order = new List<BulkGroupKey>();
        for (int i = 0; i < items.Count; i++)
        {
            var prepared = (PartsItem<UpsertProfileRequest>)_engine.Prepare(items[i]);
            if (!groups.TryGetValue(prepared.Key, out var parts))
            {
                groups[prepared.Key] = parts = [];
                order.Add(prepared.Key);
            }

            parts.Add(new PlannedPart<UpsertProfileRequest>(prepared.Parts[0], i, prepared.Measures[0]));
        }

        return (groups, order);
    }
}
