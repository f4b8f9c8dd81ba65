namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// Which side creates users, as in Klaviyo's own Segment integration ("select either Klaviyo or Segment as your
/// primary source of truth for profile creation").
/// </summary>
public enum KlaviyoToSegmentSourceOfTruth
{
    /// <summary>
    /// Klaviyo is primary: every changed profile goes to Segment, a profile without <c>external_id</c> as an anonymous
    /// user (<c>anonymousId</c> = <c>klaviyo-</c> + the Klaviyo profile id). Klaviyo cannot reconcile duplicates made by
    /// other sources, so this may create duplicate users in Segment.
    /// </summary>
    Klaviyo,

    /// <summary>
    /// Segment is primary: a Klaviyo-only profile — no <c>external_id</c> (Segment's <c>userId</c>) and no
    /// <see cref="KlaviyoProfileMarker"/> — is not sent as a new user, and neither are its events.
    /// </summary>
    Segment,
}
