using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// One entry of a bulk create events job: a profile (pre-serialized, <c>meta</c> beside its attributes) and
/// its events (each pre-serialized). Built from fragments so each event's and profile's size is known
/// before the batch is cut; <see cref="MeasureBytes()"/> gives the entry's exact size without serializing it.
/// </summary>
/// <param name="Attributes">The entry's profile and events.</param>
internal sealed record EventBulkCreateEntry([property: JsonPropertyName("attributes")] EventBulkCreateEntryAttributes Attributes)
{
    private static readonly JsonFragment EmptyObject = new("{}"u8.ToArray());

    private static readonly Lazy<int> Envelope = new(() =>
        KlaviyoWire.Serialize(Create(EmptyObject, []), KlaviyoJsonContext.Default.EventBulkCreateEntry, "bulkCreateEvents").Length - EmptyObject.Length);

    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.EventBulkCreate;

    /// <summary>Builds an entry from fragments.</summary>
    /// <param name="profile">The profile (<see cref="SerializeProfile"/>).</param>
    /// <param name="events">The events (<see cref="SerializeEvent(EventData, string)"/>).</param>
    public static EventBulkCreateEntry Create(JsonFragment profile, IReadOnlyList<JsonFragment> events) =>
        new(new EventBulkCreateEntryAttributes(new FragmentRelationship(profile), new FragmentList(events)));

    /// <summary>Serializes an entry's profile once (<c>profile.data</c>, with an extra <c>meta</c> beside the attributes).</summary>
    /// <param name="profile">The normalized profile.</param>
    /// <param name="action">The action named by a validation error.</param>
    public static JsonFragment SerializeProfile(EventProfile profile, string action) =>
        new(KlaviyoWire.Write(profile, EventFragmentWriter.BulkProfile, action));

    /// <summary>Serializes one event of an entry once (<c>{"type":"event","attributes":{…}}</c>, no profile).</summary>
    /// <param name="data">The event.</param>
    /// <param name="action">The action named by a validation error.</param>
    public static JsonFragment SerializeEvent(EventData data, string action) =>
        new(KlaviyoWire.Write(data, EventFragmentWriter.BulkEvent, action));

    /// <summary>
    /// Serializes one event of an entry once straight from a request with a <c>unique_id</c>: the bytes
    /// <see cref="SerializeEvent(EventData, string)"/> writes for what <see cref="Operations.EventResolver"/> resolves.
    /// </summary>
    /// <param name="request">The event (its <c>unique_id</c> given).</param>
    /// <param name="properties">Its properties.</param>
    /// <param name="action">The action named by a validation error.</param>
    public static JsonFragment SerializeEvent(TrackEventRequest request, IReadOnlyDictionary<string, object?> properties, string action) =>
        new(KlaviyoWire.Write((request, properties), static state => EventFragmentWriter.BulkEvent(state.request, state.properties), action));

    /// <summary>The exact serialized size of an entry holding one event, without building it.</summary>
    /// <param name="profile">The entry's profile.</param>
    /// <param name="evt">Its one event.</param>
    public static long MeasureBytes(JsonFragment profile, JsonFragment evt) =>
        BulkDocumentSize.Of(Envelope.Value, 1, evt.Length) + profile.Length;

    /// <summary>The exact serialized size of this entry.</summary>
    public long MeasureBytes()
    {
        var events = Attributes.Events.Data;
        return BulkDocumentSize.Of(Envelope.Value, events.Count, events.Sum(e => (long)e.Length)) + Attributes.Profile.Data.Length;
    }
}

/// <summary>An entry's profile and events.</summary>
internal sealed record EventBulkCreateEntryAttributes(
    [property: JsonPropertyName("profile")] FragmentRelationship Profile,
    [property: JsonPropertyName("events")] FragmentList Events);

/// <summary><c>{"data":fragment}</c>.</summary>
internal sealed record FragmentRelationship([property: JsonPropertyName("data")] JsonFragment Data);
