using System.Globalization;

namespace Klaviyo.Actions.Batching;

/// <summary>The parts bound for one endpoint in one run, grouped by key in first-seen order.</summary>
/// <typeparam name="TPart">The endpoint's part type.</typeparam>
internal sealed class EndpointPlan<TPart>(BulkEndpointDescriptor descriptor, IBulkEndpoint<TPart>? endpoint)
{
    private readonly Dictionary<BulkGroupKey, List<PlannedPart<TPart>>> _groups = [];
    private readonly List<BulkGroupKey> _order = [];

    public BulkEndpointDescriptor Descriptor { get; } = descriptor;

    public void Add(BulkGroupKey key, PlannedPart<TPart> part)
    {
        if (!_groups.TryGetValue(key, out var parts))
        {
            _groups[key] = parts = [];
            _order.Add(key);
        }

        parts.Add(part);
    }

    /// <summary>Plans every group into requests; items with a part no request can hold become invalid.</summary>
    public void Plan(List<IChunkWork> works, ChunkContext context)
    {
        if (_order.Count == 0)
        {
            return;
        }

        var ledger = context.Ledger;
        if (endpoint is null)
        {
            FailAll(ledger, "this client has no " + Descriptor.Operation + " endpoint");
            return;
        }

        var chunks = new List<BulkChunk<TPart>>();
        var oversized = new List<PlannedPart<TPart>>();
        foreach (var key in _order)
        {
            var parts = _groups[key];
            int envelope;
            try
            {
                envelope = endpoint.MeasureEnvelope(key);
            }
            catch (Exception exception)
            {
                foreach (var part in parts)
                {
                    ledger.Complete(part.ItemIndex, KlaviyoItemOutcome.Failed(ledger.ActionOf(part.ItemIndex), "the request could not be built", exceptionSummary: FailureClassifier.Summarize(exception)));
                }

                continue;
            }

            chunks.Clear();
            oversized.Clear();
            BulkPlanner.Plan(Descriptor, key, envelope, parts, chunks, oversized);
            foreach (var part in oversized)
            {
                ledger.Complete(part.ItemIndex, KlaviyoItemOutcome.Invalid(ledger.ActionOf(part.ItemIndex), [TooLarge(part.Measure.Bytes, envelope)]));
            }

            foreach (var chunk in chunks)
            {
                works.Add(new ChunkWork<TPart>(endpoint, chunk, context));
            }
        }
    }

    private KlaviyoValidationError TooLarge(int bytes, int envelope)
    {
        string name = Descriptor.PartName;
        int limit = Descriptor.MaxPartBytes is { } maxPart && bytes > maxPart ? maxPart : Descriptor.MaxRequestBytes - envelope;
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"The {name} is {bytes:N0} bytes serialized; Klaviyo's {Descriptor.Operation} accepts at most {limit:N0} bytes per {name}.");
        return new KlaviyoValidationError(name, "max_payload_size", message);
    }

    private void FailAll(ItemLedger ledger, string reason)
    {
        foreach (var key in _order)
        {
            foreach (var part in _groups[key])
            {
                ledger.Complete(part.ItemIndex, KlaviyoItemOutcome.Failed(ledger.ActionOf(part.ItemIndex), reason));
            }
        }
    }
}
