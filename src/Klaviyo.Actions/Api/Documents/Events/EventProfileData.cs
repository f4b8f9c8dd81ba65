using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// The <c>profile.data</c> of an event: <c>{"type":"profile","attributes":{identifiers…, extra attributes…}}</c>.
/// Written by <see cref="EventProfileDataConverter"/> because the caller's extra attributes share the object
/// with the typed identifiers.
/// </summary>
/// <param name="Profile">The profile (normalized).</param>
/// <param name="MetaBesideAttributes">
/// Where an extra <c>meta</c> attribute goes: inside <c>attributes</c> for Create Event, beside it
/// (<c>profile.data.meta</c>) for Bulk Create Events (Klaviyo's documented placement quirk).
/// </param>
[JsonConverter(typeof(EventProfileDataConverter))]
internal sealed record EventProfileData(EventProfile Profile, bool MetaBesideAttributes)
{
    /// <summary>The extra attribute that carries <c>patch_properties</c>/<c>patch_identifiers</c>.</summary>
    public const string MetaKey = "meta";
}

/// <summary>An event's <c>profile</c>: <c>{"data":{…}}</c>.</summary>
/// <param name="Data">The profile.</param>
internal sealed record EventProfileRelationship([property: JsonPropertyName("data")] EventProfileData Data);
