namespace Klaviyo.Actions.Mapping;

/// <summary>What happened to one event (or Reverse ETL record): one outcome per mapping, or why it could not be read.</summary>
public sealed class EventResult
{
    internal EventResult(int index, string? messageId, SegmentEventType? type, SegmentEventException? error, IReadOnlyList<MappingOutcome> outcomes)
    {
        Index = index;
        MessageId = messageId;
        Type = type;
        Error = error;
        Outcomes = outcomes;
    }

    /// <summary>The position of the event in the input (0 for a single event); results of a stream come in the order they are final, and this tells which event each is.</summary>
    public int Index { get; }

    /// <summary>The event's <c>messageId</c>, when it was readable.</summary>
    public string? MessageId { get; }

    /// <summary>The event's call type, when it was readable.</summary>
    public SegmentEventType? Type { get; }

    /// <summary>Why the event could not be read; <see langword="null"/> when it was.</summary>
    public SegmentEventException? Error { get; }

    /// <summary>One outcome per mapping, in configuration order (empty when the event could not be read).</summary>
    public IReadOnlyList<MappingOutcome> Outcomes { get; }

    /// <summary>Whether the event was read and no mapping ended invalid or failed.</summary>
    public bool Succeeded => Error is null && Outcomes.All(o => o.Kind is MappingOutcomeKind.Sent or MappingOutcomeKind.Skipped);

    /// <summary>Whether some mapping failed in a way that a later retry could fix.</summary>
    public bool IsRetryable => Outcomes.OfType<FailedOutcome>().Any(f => f.IsTransient);

    /// <summary>The outcomes of one kind.</summary>
    /// <param name="kind">The kind.</param>
    public IEnumerable<MappingOutcome> OfKind(MappingOutcomeKind kind) => Outcomes.Where(o => o.Kind == kind);

    /// <inheritdoc />
    public override string ToString() => Error is not null
        ? $"#{Index}: unreadable ({Error.Field}: {Error.Rule})"
        : $"#{Index} {Type} {MessageId}: {string.Join(", ", Outcomes)}";
}
