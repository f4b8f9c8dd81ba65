using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// An event profile serialized for a bulk entry, and its merge key (the serialized bytes, not copied: events whose profiles
/// serialize identically share an entry). The events of one Order Completed share one <see cref="EventProfile"/>
/// instance and are measured one after another on one thread, so the last profile serialized on the thread is
/// reused for the same instance: one fragment and one key per order instead of one per event. Only profiles without
/// additional attributes are reused (a caller could change such a dictionary between two events; the identifiers of
/// an <see cref="EventProfile"/> cannot change). The profile is personal data, so it is kept only while one item's
/// parts are measured: <see cref="Forget"/> runs when they are done.
/// </summary>
internal static class SerializedProfile
{
    [ThreadStatic]
    private static Last? t_last;

    /// <summary>The fragment and merge key of <paramref name="profile"/>.</summary>
    public static (JsonFragment Fragment, BulkKey MergeKey) Of(EventProfile profile)
    {
        var last = t_last;
        if (last is not null && ReferenceEquals(last.Profile, profile))
        {
            return (last.Fragment, last.MergeKey);
        }

        var fragment = EventBulkCreateEntry.SerializeProfile(profile, ActionNames.TrackEvent);
        var mergeKey = BulkKey.OfUtf8(fragment.Utf8Json);
        if (profile.AdditionalAttributes is not null)
        {
            t_last = null;
        }
        else if (last is not null)
        {
            last.Set(profile, fragment, mergeKey); // one holder per thread, overwritten
        }
        else
        {
            t_last = new Last(profile, fragment, mergeKey);
        }

        return (fragment, mergeKey);
    }

    /// <summary>Drops the thread's kept profile (its identifiers and serialized bytes).</summary>
    public static void Forget() => t_last?.Clear();

    private sealed class Last(EventProfile profile, JsonFragment fragment, BulkKey mergeKey)
    {
        public EventProfile? Profile { get; private set; } = profile;

        public JsonFragment Fragment { get; private set; } = fragment;

        public BulkKey MergeKey { get; private set; } = mergeKey;

        public void Clear() => Set(null, default, default);

        public void Set(EventProfile? newProfile, JsonFragment newFragment, BulkKey newMergeKey)
        {
            Profile = newProfile;
            Fragment = newFragment;
            MergeKey = newMergeKey;
        }
    }
}
