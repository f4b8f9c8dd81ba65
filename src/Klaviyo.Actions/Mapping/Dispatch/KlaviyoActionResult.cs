namespace Klaviyo.Actions.Mapping;

/// <summary>An action Klaviyo accepted, with the client's result.</summary>
/// <param name="Action">Segment's name of the action, e.g. <c>upsertProfile</c>.</param>
/// <param name="Value">The client's result for an action sent on its own: <see cref="UpsertProfileResult"/>,
/// <see cref="TrackEventResult"/>, <see cref="OrderCompletedResult"/> or <see cref="ListMembershipResult"/>
/// (<see langword="null"/> for subscribe and unsubscribe, for which Klaviyo returns nothing); for an action delivered
/// in a bulk request, its <see cref="Batching.KlaviyoItemOutcome"/>.</param>
public sealed record KlaviyoActionResult(string Action, object? Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Action} sent";
}
