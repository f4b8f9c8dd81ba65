namespace Klaviyo.Actions.Operations;

/// <summary>The result of the profile-import call and its 409 fall-back.</summary>
/// <param name="ProfileId">The profile created or updated.</param>
/// <param name="Created">Whether Klaviyo created the profile (201).</param>
/// <param name="ResolvedDuplicate">Whether a 409 <c>duplicate_profile</c> was resolved by updating the named profile.</param>
internal readonly record struct ProfileUpsertOutcome(string ProfileId, bool Created, bool ResolvedDuplicate);
