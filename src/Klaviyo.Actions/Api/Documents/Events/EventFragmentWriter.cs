using System.Text.Json;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// Writes the fragments of a bulk create events entry by hand, without building document objects: an event
/// (<c>{"type":"event","attributes":{…}}</c>, the bytes <see cref="EventResource"/> over
/// <see cref="EventAttributes.ForBulkEntry"/> serializes to) and the entry's profile (the bytes of
/// <see cref="EventProfileData"/> with <c>meta</c> beside the attributes). Members appear in the documents'
/// order and null members are omitted, as <see cref="KlaviyoJsonContext"/> does.
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
    private static readonly JsonEncodedText EventType = JsonEncodedText.Encode(ResourceTypes.Event);
    private static readonly JsonEncodedText MetricType = JsonEncodedText.Encode(ResourceTypes.Metric);

    /// <summary>The UTF-8 event of a bulk entry (no profile).</summary>
    /// <param name="data">The event.</param>
    /// <exception cref="WireValueException">A custom property cannot be represented.</exception>
    public static byte[] BulkEvent(EventData data) => PooledJsonWriter.ToArray(data, static (writer, d) => WriteBulkEvent(writer, d));

    /// <summary>The UTF-8 profile of a bulk entry (<c>profile.data</c>, an extra <c>meta</c> beside the attributes).</summary>
    /// <param name="profile">The profile (normalized).</param>
    /// <exception cref="WireValueException">An extra attribute is reserved, unsupported or too deep.</exception>
    public static byte[] BulkProfile(EventProfile profile) =>
        PooledJsonWriter.ToArray(profile, static (writer, p) => EventProfileDataConverter.Write(writer, p, metaBesideAttributes: true));

    /// <summary>Writes the event of a bulk entry.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="data">The event.</param>
    public static void WriteBulkEvent(Utf8JsonWriter writer, EventData data)
    {
        writer.WriteStartObject();
        writer.WriteString(Type, EventType);
        writer.WriteStartObject(Attributes);
        if (data.Properties is { } properties)
        {
            writer.WritePropertyName(Properties);
            KlaviyoValueWriter.WriteObject(writer, properties, CustomPropertiesConverter.FieldName);
        }

        if (data.Time is { } time)
        {
            writer.WriteString(Time, time);
        }

        if (data.Value is { } value)
        {
            writer.WriteNumber(Value, value);
        }

        if (data.ValueCurrency is { } currency)
        {
            writer.WriteString(ValueCurrency, currency);
        }

        if (data.UniqueId is { } uniqueId)
        {
            writer.WriteString(UniqueId, uniqueId);
        }

        WriteMetric(writer, data.MetricName);
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
            writer.WriteString(Name, name);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
