namespace Klaviyo.Actions.Sync;

/// <summary>A member to take off a Klaviyo list, as it was last synced.</summary>
/// <param name="Member">The member's identifiers as they were accepted by Klaviyo (resolved).</param>
/// <param name="ProfileId">The Klaviyo profile id, when an earlier outcome reported it; resolve from the identifiers otherwise.</param>
public sealed record ListSyncRemoval(SegmentMember Member, string? ProfileId);
