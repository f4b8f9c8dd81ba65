namespace Klaviyo.Actions.Batching;

/// <summary>What a queue drain did with the items that were waiting or in flight when it began.</summary>
/// <param name="Accepted">Items accepted by Klaviyo during the drain.</param>
/// <param name="Invalid">Items found invalid during the drain.</param>
/// <param name="Rejected">Items Klaviyo refused during the drain.</param>
/// <param name="Failed">Items that failed during the drain, including <paramref name="NotDelivered"/>.</param>
/// <param name="NotDelivered">
/// Items failed with <see cref="KlaviyoItemOutcome.NotDeliveredBeforeShutdown"/> because the deadline passed
/// (or the drain was cancelled) before they were sent or while their request was in flight.
/// </param>
/// <param name="CompletedInTime">Whether every item had an outcome before the deadline.</param>
public sealed record KlaviyoDrainReport(int Accepted, int Invalid, int Rejected, int Failed, int NotDelivered, bool CompletedInTime);
