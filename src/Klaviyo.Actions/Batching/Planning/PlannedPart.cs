namespace Klaviyo.Actions.Batching;

/// <summary>One part to send, the input item it belongs to, and its measured size.</summary>
/// <typeparam name="TPart">The endpoint's part type.</typeparam>
/// <param name="Value">The part.</param>
/// <param name="ItemIndex">The position of the owning item in the call's input.</param>
/// <param name="Measure">Its size and merge/conflict keys.</param>
/// <param name="PartIndex">Its position among the item's parts (an order's event: 0 for the order, then each product's).</param>
internal readonly record struct PlannedPart<TPart>(TPart Value, int ItemIndex, BulkPartMeasure Measure, int PartIndex = 0);
