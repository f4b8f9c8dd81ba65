namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>One channel a subscribe or unsubscribe row changes, with its <c>consented_at</c> and pointer.</summary>
internal sealed record ChannelChange(ConsentChannel Channel, DateTimeOffset? ConsentedAt, string Pointer);
