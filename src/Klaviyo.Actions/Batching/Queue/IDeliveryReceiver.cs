namespace Klaviyo.Actions.Batching;

/// <summary>
/// Hears the final outcome of queued items. One receiver can follow many items (a destination's event follows
/// every action it queued), told apart by the slot given at submission: no task or callback object per item.
/// </summary>
internal interface IDeliveryReceiver
{
    /// <summary>The item's final outcome; called exactly once per submitted item, from any thread.</summary>
    /// <param name="slot">The slot given when the item was submitted.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="value">
    /// For an item sent on its own: the client's result (e.g. <see cref="UpsertProfileResult"/>); for a bulk item,
    /// <paramref name="outcome"/> itself; <see langword="null"/> when it was not accepted.
    /// </param>
    void OnOutcome(int slot, KlaviyoItemOutcome outcome, object? value);
}
