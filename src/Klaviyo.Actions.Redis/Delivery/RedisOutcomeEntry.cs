namespace Klaviyo.Actions.Redis.Delivery;

/// <summary>One entry of the outcome stream (any process may have recorded it).</summary>
/// <param name="Id">The outcome stream entry id (pass it to read on from there).</param>
/// <param name="MessageId">The message id.</param>
/// <param name="Status">The final status: <c>delivered</c>, <c>invalid</c> or <c>failed</c>.</param>
/// <param name="Reason">Why (no personal data); empty for delivered messages.</param>
/// <param name="EntryId">The message's entry id in its partition stream.</param>
/// <param name="Consumer">The consumer that recorded it.</param>
public sealed record RedisOutcomeEntry(string Id, string MessageId, string Status, string Reason, string EntryId, string Consumer);
