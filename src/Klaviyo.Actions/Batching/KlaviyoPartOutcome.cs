namespace Klaviyo.Actions.Batching;

/// <summary>
/// The outcome of one Klaviyo event of an action that records several: Order Completed sends the order event
/// (<see cref="Index"/> 0) and one product event per product (<see cref="Index"/> 1 for the first product). Found on
/// <see cref="KlaviyoItemOutcome.Parts"/> when not every event of the action was accepted.
/// </summary>
public sealed record KlaviyoPartOutcome
{
    /// <summary>The event's position in the action: 0 for the order event, <c>n</c> for the <c>n</c>-th product's event.</summary>
    public required int Index { get; init; }

    /// <summary>
    /// The event as a person reads it, without personal data: <c>order event</c>, or the product event's metric name,
    /// its position and the product's id or SKU, e.g. <c>Ordered Product 2 of 3 (product_id 507f1f77)</c>.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The product's <c>product_id</c>, or its SKU when it has no id; <see langword="null"/> for the order event.</summary>
    public string? ProductId { get; init; }

    /// <summary>What happened to this event (its <see cref="KlaviyoItemOutcome.Parts"/> is empty).</summary>
    public required KlaviyoItemOutcome Outcome { get; init; }

    /// <summary>Whether Klaviyo accepted this event.</summary>
    public bool IsAccepted => Outcome.IsAccepted;

    /// <summary>The event and what happened to it, e.g. <c>order event accepted</c>; never personal data.</summary>
    public override string ToString() => Name + " " + OutcomeText.Describe(Outcome);
}
