namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>One checked profile of a bulk subscribe or unsubscribe request.</summary>
internal sealed record SubscriptionRow(string Pointer, string? Id, string? Email, string? PhoneNumber, IReadOnlyList<ChannelChange> Changes);
