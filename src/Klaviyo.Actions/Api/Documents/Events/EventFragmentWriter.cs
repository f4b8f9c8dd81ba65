using System.Text.Json;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// Writes the fragments of a bulk create events entry by hand, without building document objects: an event
/// (<c>{"type":"event","attributes":{…}}</c>, the bytes <see cref="EventResource"/> over
/// <see cref="EventAttributes.ForBulkEntry"/> serializes to) and the entry's profile (the bytes of
/// <see cref="EventProfileData"/> with <c>meta</c> beside the attributes), and the whole body of Create Event (the
/// bytes of <see cref="EventDocument"/>). Members appear in the documents' order and null members are omitted, as
/// <see cref="KlaviyoJsonContext"/> does.
/// </summary>
internal static class EventFragmentWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText Properties = JsonEncodedText.Encode(CustomPropertiesConverter.FieldName);
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText ValueCurrency = JsonEncodedText.Encode("value_currency");
    private static readonly JsonEncodedText UniqueId = JsonEncodedText.Encode("unique_id");
    private static readonly JsonEncodedText Metric = JsonEncodedText.Encode("metric");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText ProfileName = JsonEncodedText.Encode("profile");
    private static readonly JsonEncodedText EventType = JsonEncodedText.Encode(ResourceTypes.Event);
    private static readonly JsonEncodedText MetricType = JsonEncodedText.Encode(ResourceTypes.Metric);

    /// <summary>The UTF-8 event of a bulk entry (no profile).</summary>
    /// <param name="data">The event.</param>
    /// <exception cref="WireValueException">A custom property cannot be represented.</exception>
    public static byte[] BulkEvent(EventData data) => PooledJsonWriter.ToArray(data, static (writer, d) => WriteBulkEvent(writer, d));

    /// <summary>
    /// The UTF-8 event of a bulk entry straight from a request whose <c>unique_id</c> is given: the bytes of
    /// <see cref="BulkEvent(EventData)"/> over what <see cref="Operations.EventResolver"/> resolves for it (the time,
    /// if any, formatted by <see cref="KlaviyoTime.ToWire"/>), without the resolved event or the time string.
    /// </summary>
    /// <param name="request">The event; its <see cref="TrackEventRequest.UniqueId"/> is not empty.</param>
    /// <param name="properties">Its properties (<c>{}</c> when the request has none).</param>
    /// <exception cref="WireValueException">A custom property cannot be represented.</exception>
    public static byte[] BulkEvent(TrackEventRequest request, IReadOnlyDictionary<string, object?> properties) =>
        PooledJsonWriter.ToArray((request, properties), static (writer, state) =>
        {
            var r = state.request;
            WriteEvent(writer, r.MetricName, state.properties, timeText: null, r.Time, r.Value, r.ValueCurrency, r.UniqueId, profile: null);
        });

    /// <summary>
    /// The UTF-8 body of Create Event (<c>POST /api/events</c>): the bytes <see cref="EventDocument.From"/> serializes
    /// to, the profile inside the attributes with an extra <c>meta</c> inside the profile's attributes.
    /// </summary>
    /// <param name="data">The event.</param>
    /// <exception cref="WireValueException">A custom property or profile attribute cannot be represented.</exception>
    public static byte[] CreateEventDocument(EventData data) => PooledJsonWriter.ToArray(data, static (writer, d) =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Data);
        WriteEvent(writer, d.MetricName, d.Properties, d.Time, time: null, d.Value, d.ValueCurrency, d.UniqueId, d.Profile);
        writer.WriteEndObject();
    });

    /// <summary>The UTF-8 profile of a bulk entry (<c>profile.data</c>, an extra <c>meta</c> beside the attributes).</summary>
    /// <param name="profile">The profile (normalized).</param>
    /// <exception cref="WireValueException">An extra attribute is reserved, unsupported or too deep.</exception>
    public static byte[] BulkProfile(EventProfile profile) =>
        PooledJsonWriter.ToArray(profile, static (writer, p) => EventProfileDataConverter.Write(writer, p, metaBesideAttributes: true));

    /// <summary>Writes the event of a bulk entry.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="data">The event.</param>
    public static void WriteBulkEvent(Utf8JsonWriter writer, EventData data) =>
        WriteEvent(writer, data.MetricName, data.Properties, data.Time, time: null, data.Value, data.ValueCurrency, data.UniqueId, profile: null);

    /// <summary>Writes an event resource; with its profile (Create Event) or without (inside a bulk entry).</summary>
    private static void WriteEvent(
        Utf8JsonWriter writer,
        string metricName,
        IReadOnlyDictionary<string, object?>? properties,
        string? timeText,
        DateTimeOffset? time,
        decimal? value,
        string? valueCurrency,
        string? uniqueId,
        EventProfile? profile)
    {
        writer.WriteStartObject();
        writer.WriteString(Type, EventType);
        writer.WriteStartObject(Attributes);
        if (properties is not null)
        {
            writer.WritePropertyName(Properties);
            KlaviyoValueWriter.WriteObject(writer, properties, CustomPropertiesConverter.FieldName);
        }

        if (timeText is not null)
        {
            writer.WriteString(Time, timeText);
        }
        else if (time is { } given)
        {
            Span<char> text = stackalloc char[KlaviyoTime.MaxWireLength + 8];
            if (!KlaviyoTime.TryFormatWire(given, text, out int length))
            {
                throw new InvalidOperationException("An event time did not fit its wire format.");
            }

            writer.WriteString(Time, text[..length]);
        }

        if (value is { } number)
        {
            writer.WriteNumber(Value, number);
        }

        if (valueCurrency is not null)
        {
            WireText.Write(writer, ValueCurrency, valueCurrency);
        }

        if (uniqueId is not null)
        {
            WireText.Write(writer, UniqueId, uniqueId);
        }

        WriteMetric(writer, metricName);
        if (profile is not null)
        {
            writer.WriteStartObject(ProfileName);
            writer.WritePropertyName(Data);
            EventProfileDataConverter.Write(writer, profile, metaBesideAttributes: false);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject(Metric);
        writer.WriteStartObject(Data);
        writer.WriteString(Type, MetricType);
        writer.WriteStartObject(Attributes);
        if (name is not null)
        {
            WireText.Write(writer, Name, name);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
