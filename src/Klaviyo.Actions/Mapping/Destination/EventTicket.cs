using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Follows one routed event until every mapping has its final outcome, then hands its <see cref="EventResult"/> to
/// the sink. Holds only the event's message id and type, and per mapping its outcome or the progress of its actions:
/// not the event itself, so an event's payload is free once its actions are serialized. The slot of each queued
/// action is its mapping's position.
/// </summary>
internal sealed class EventTicket : IDeliveryReceiver
{
    private readonly IEventResultSink _sink;
    private readonly int _index;
    private readonly string? _messageId;
    private readonly SegmentEventType? _type;
    private readonly MappingOutcome?[] _outcomes;
    private MappingProgress?[]? _progress;
    private int _pending = 1; // the routing itself, until EndRouting

    public EventTicket(int index, string? messageId, SegmentEventType? type, int mappings, IEventResultSink sink)
    {
        _index = index;
        _messageId = messageId;
        _type = type;
        _sink = sink;
        _outcomes = mappings == 0 ? [] : new MappingOutcome?[mappings];
    }

    /// <summary>A mapping's outcome known while routing (skipped, invalid, or failed before delivery).</summary>
    public void Set(int position, MappingOutcome outcome) => _outcomes[position] = outcome;

    /// <summary>
    /// A mapping hands <paramref name="actions"/> actions to delivery: its outcome follows from theirs. Call before
    /// submitting them, with the mapping's warnings (what it left out) if any.
    /// </summary>
    public void Expect(int position, string mappingName, string action, int actions, IReadOnlyList<KlaviyoValidationError>? warnings = null)
    {
        (_progress ??= new MappingProgress?[_outcomes.Length])[position] = new MappingProgress(mappingName, action, actions, warnings);
        Interlocked.Increment(ref _pending);
    }

    /// <inheritdoc />
    public void OnOutcome(int slot, KlaviyoItemOutcome outcome, object? value)
    {
        var progress = _progress![slot]!;
        MappingOutcome? final;
        lock (progress)
        {
            final = progress.Add(outcome, value);
        }

        if (final is not null)
        {
            _outcomes[slot] = final;
            _progress[slot] = null;
            Finish();
        }
    }

    /// <summary>Every mapping was routed; the result follows once the actions handed to delivery are final.</summary>
    public void EndRouting() => Finish();

    private void Finish()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _sink.OnResult(new EventResult(_index, _messageId, _type, null, _outcomes!));
        }
    }

    /// <summary>The actions of one mapping in delivery, folded into the mapping's outcome when the last is final.</summary>
    private sealed class MappingProgress(string mappingName, string action, int expected, IReadOnlyList<KlaviyoValidationError>? warnings)
    {
        private int _remaining = expected;
        private List<KlaviyoActionResult>? _results;
        private List<KlaviyoValidationError>? _invalid;
        private KlaviyoItemOutcome? _failure;

        /// <summary>Adds one action's outcome; the mapping's outcome once it was the last one.</summary>
        public MappingOutcome? Add(KlaviyoItemOutcome outcome, object? value)
        {
            switch (outcome.Status)
            {
                case KlaviyoItemStatus.Accepted:
                    (_results ??= []).Add(new KlaviyoActionResult(outcome.Action, value));
                    break;
                case KlaviyoItemStatus.Invalid:
                    (_invalid ??= []).AddRange(outcome.ValidationErrors);
                    break;
                default:
                    _failure ??= outcome;
                    break;
            }

            if (--_remaining > 0)
            {
                return null;
            }

            IReadOnlyList<KlaviyoActionResult> results = _results ?? (IReadOnlyList<KlaviyoActionResult>)[];
            return _failure is not null ? new FailedOutcome(mappingName, action, _failure, results)
                : _invalid is not null ? new InvalidOutcome(mappingName, action, _invalid)
                : new SentOutcome(mappingName, action, results, warnings);
        }
    }
}
