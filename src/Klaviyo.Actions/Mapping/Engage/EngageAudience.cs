using System.Text.Json;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Engage;

/// <summary>
/// The Engage audience an "Audience Entered"/"Audience Exited" track event belongs to, read from
/// <c>context.personas</c>: <c>computation_key</c> (the audience key, used as the list name),
/// <c>computation_id</c>, <c>external_audience_id</c> and <c>audience_settings.listId</c>.
/// </summary>
internal sealed record EngageAudience(string? Key, string? Id, string? ExternalAudienceId, string? SettingsListId)
{
    /// <summary>What identifies the audience for caching its list.</summary>
    public string CacheKey => "audience:" + (Id ?? Key ?? SettingsListId ?? ExternalAudienceId);

    /// <summary>Reads the audience of an event; <see langword="null"/> when the event is not from Engage.</summary>
    public static EngageAudience? TryRead(SegmentEvent segmentEvent)
    {
        if (!SegmentPath.TryGet(segmentEvent.Json, ["context", "personas"], out var personas) || personas.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Text(params string[] path) =>
            SegmentPath.TryGet(personas, path, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? JsonNodes.JsString(JsonNodes.FromElement(value)) is { Length: > 0 } s ? s : null
                : null;

        var audience = new EngageAudience(
            Text("computation_key"),
            Text("computation_id"),
            Text("external_audience_id"),
            Text("audience_settings", "listId"));
        return audience.Key is null && audience.Id is null && audience.ExternalAudienceId is null && audience.SettingsListId is null
            ? null
            : audience;
    }

    /// <summary>The event with <c>context.personas.external_audience_id</c> set to the resolved list, as Segment
    /// hands the audience hook's list to mappings.</summary>
    public static SegmentEvent WithListId(SegmentEvent segmentEvent, string listId) =>
        SegmentEvent.FromCheckedJson(AudienceListIdWriter.With(segmentEvent.Json, listId));
}
