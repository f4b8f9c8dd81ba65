namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>The result of a profile write: the profile after it, or the conflicting profile's id.</summary>
internal readonly record struct ProfileWriteOutcome(ProfileWriteStatus Status, EmulatedProfile? Profile, string? ConflictingProfileId)
{
    public static ProfileWriteOutcome Created(EmulatedProfile profile) => new(ProfileWriteStatus.Created, profile, null);

    public static ProfileWriteOutcome Updated(EmulatedProfile profile) => new(ProfileWriteStatus.Updated, profile, null);

    public static ProfileWriteOutcome Duplicate(string conflictingProfileId) => new(ProfileWriteStatus.Duplicate, null, conflictingProfileId);

    public static ProfileWriteOutcome NotFound { get; } = new(ProfileWriteStatus.NotFound, null, null);
}
