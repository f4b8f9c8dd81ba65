namespace Klaviyo.Actions.Batching;

/// <summary>
/// The queue's unit of batching, the same one the planner splits requests in: one endpoint and one group key
/// (list, consent source, historical flag).
/// </summary>
/// <param name="Kind">The endpoint.</param>
/// <param name="Key">What every request of the group shares.</param>
internal readonly record struct QueueGroupId(BulkEndpointKind Kind, BulkGroupKey Key);
