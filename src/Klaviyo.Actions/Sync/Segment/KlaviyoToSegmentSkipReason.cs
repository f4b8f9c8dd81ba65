namespace Klaviyo.Actions.Sync.Segment;

/// <summary>Why a change read from Klaviyo was not sent to Segment.</summary>
public enum KlaviyoToSegmentSkipReason
{
    /// <summary>Already sent by an earlier run (a change at the cursor's edge, read again on purpose).</summary>
    AlreadySent,

    /// <summary><see cref="KlaviyoToSegmentOptions.OnlyProfilesUpdatedByDestination"/> is on and the profile has no <see cref="KlaviyoProfileMarker"/>.</summary>
    NotUpdatedByDestination,

    /// <summary>Segment is the source of truth and the profile is Klaviyo-only (no <c>external_id</c>, no marker).</summary>
    KlaviyoOnlyProfile,

    /// <summary>The message is over Segment's 32 KB limit: reported, never sent, and passed by the cursor.</summary>
    Oversized,
}
