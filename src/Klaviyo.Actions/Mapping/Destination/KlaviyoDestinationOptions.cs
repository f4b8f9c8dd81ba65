using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Mapping;

/// <summary>Options of a <see cref="KlaviyoDestination"/>.</summary>
public sealed class KlaviyoDestinationOptions
{
    /// <summary>
    /// Delivery: the queue the destination hands each mapped, validated action to. Batched mappings
    /// (<c>enable_batching</c>) go into its bulk requests, the others are sent on their own; it keeps each person's
    /// state-setting actions in order and gives every action its outcome. Share one per API key (the
    /// <c>AddBackgroundBatching()</c> registration is one). When <see langword="null"/>, the destination creates its
    /// own over its client, with the client's <see cref="KlaviyoClientOptions.Batching"/>, and drains it when disposed.
    /// </summary>
    public KlaviyoBatcher? Delivery { get; set; }

    /// <summary>
    /// Also batch Order Completed (the order event and one event per product, sent through bulk event create).
    /// Defaults to <see langword="false"/>. Segment's Order Completed mapping has no <c>enable_batching</c> field, so by
    /// default it is sent on its own: the order, then its product events once Klaviyo has accepted the order. When
    /// this is <see langword="true"/>, the order and its products travel in the same bulk request, with the same unique
    /// ids, and the number of requests drops by one per order plus one per product.
    /// </summary>
    public bool BatchOrderCompleted { get; set; }

    /// <summary>The clock handed to request validation (time-window rules); the system clock when <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
