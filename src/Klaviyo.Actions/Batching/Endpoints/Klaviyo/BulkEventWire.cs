using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Batching;

/// <summary>One event of a bulk create request, serialized once: its entry's profile and the event itself.</summary>
/// <param name="Profile">The <c>profile.data</c> the event's entry carries.</param>
/// <param name="Event">The event (<c>{"type":"event","attributes":{…}}</c>) with its time and <c>unique_id</c> settled.</param>
/// <param name="UniqueId">The <c>unique_id</c> sent.</param>
internal sealed record BulkEventWire(JsonFragment Profile, JsonFragment Event, string UniqueId);
