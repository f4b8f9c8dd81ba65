namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>What a binder may use besides the mapped payload.</summary>
/// <param name="Event">The event being mapped (its <c>messageId</c> backs <c>unique_id</c>).</param>
/// <param name="HookListId">The list id a mapping hook produced (Reverse ETL "connect to a static list"), if any.</param>
internal readonly record struct BindingContext(SegmentEvent Event, string? HookListId = null);
