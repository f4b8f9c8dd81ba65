namespace Klaviyo.Actions.Mapping;

/// <summary>An action Klaviyo accepted, with the client's result.</summary>
/// <param name="Action">The action sent (as normalized by validation).</param>
/// <param name="Value">The client's result: <see cref="UpsertProfileResult"/>, <see cref="TrackEventResult"/>,
/// <see cref="OrderCompletedResult"/> or <see cref="ListMembershipResult"/>; <see langword="null"/> for subscribe
/// and unsubscribe (Klaviyo returns nothing) or when a dispatcher has only queued the action.</param>
public sealed record KlaviyoActionResult(KlaviyoAction Action, object? Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Action.Slug} sent";
}
