using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>An event resource object <c>{"type":"event","attributes":{…}}</c>.</summary>
/// <param name="Attributes">The attributes.</param>
internal sealed record EventResource([property: JsonPropertyName("attributes")] EventAttributes Attributes)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.Event;
}

/// <summary>
/// The body of <c>POST /api/events</c>. The client writes it by hand (<see cref="EventFragmentWriter.CreateEventDocument"/>);
/// this document, through <see cref="KlaviyoJsonContext"/>, is the reference those bytes are tested against.
/// </summary>
/// <param name="Data">The event.</param>
internal sealed record EventDocument([property: JsonPropertyName("data")] EventResource Data)
{
    public static EventDocument From(EventData data) => new(new EventResource(EventAttributes.ForCreateEvent(data)));
}
