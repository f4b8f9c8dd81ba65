namespace Klaviyo.Actions.Mapping;

/// <summary>How a mapped action asks to be sent: Segment's <c>enable_batching</c> and <c>batch_size</c> fields.</summary>
/// <param name="EnableBatching">Whether the mapping turned batching on.</param>
/// <param name="BatchSize">The mapped <c>batch_size</c>, when given.</param>
public sealed record KlaviyoDispatchOptions(bool EnableBatching, int? BatchSize = null)
{
    /// <summary>Send at once, no batching.</summary>
    public static KlaviyoDispatchOptions Immediate { get; } = new(false);
}
