namespace Klaviyo.Actions;

/// <summary>
/// The marker on profiles this SDK wrote: the custom profile property <c>klaviyo_actions_source</c> with the value
/// <c>segment</c>. The forward direction sets it on every Upsert Profile when
/// <see cref="Mapping.DestinationSettings.MarkWrittenProfiles"/> is on (<c>"mark_written_profiles": true</c> in the
/// destination settings); the Klaviyo → Segment sync reads it to tell profiles that came from Segment from profiles
/// created in Klaviyo (forms, other integrations), like the "only profiles updated by the Klaviyo destination" box of
/// Klaviyo's own Segment integration.
/// </summary>
/// <remarks>
/// A plain custom property rather than a <c>$</c>-prefixed one: Klaviyo reserves <c>$</c> names for its own special
/// properties (<c>$source</c> among them), and a plain name is visible, filterable and segmentable in Klaviyo like any
/// other property. Deleting the property in Klaviyo makes the profile "Klaviyo-only" again for the sync.
/// </remarks>
public static class KlaviyoProfileMarker
{
    /// <summary>The custom property's name: <c>klaviyo_actions_source</c>.</summary>
    public const string PropertyName = "klaviyo_actions_source";

    /// <summary>The value written: <c>segment</c>.</summary>
    public const string Value = "segment";

    /// <summary>Whether a profile read from Klaviyo carries the marker.</summary>
    /// <param name="profile">The profile.</param>
    /// <returns><see langword="true"/> when <see cref="PropertyName"/> is the string <see cref="Value"/>.</returns>
    public static bool IsMarked(KlaviyoProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Properties.TryGetValue(PropertyName, out var value) &&
            value.ValueKind == System.Text.Json.JsonValueKind.String &&
            value.ValueEquals(Value);
    }
}
