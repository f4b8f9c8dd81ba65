using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>
/// Writes event and metric resources as Klaviyo returns them. <c>event_properties</c> holds the properties sent, with
/// <c>$value</c> and <c>$event_id</c> (the <c>unique_id</c>) added when they were sent, as Klaviyo shows them.
/// </summary>
internal static class EventJson
{
    public static byte[] Collection(
        IReadOnlyList<EmulatedEvent> events,
        IReadOnlyList<MetricRecord> metrics,
        IReadOnlyList<EmulatedProfile> profiles,
        bool writeIncluded,
        EmulatorRequest request,
        string? nextCursor) =>
        JsonWriting.Build((events, metrics, profiles, writeIncluded, request, nextCursor), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var item in state.events)
            {
                WriteEvent(writer, item, state.request);
            }

            writer.WriteEndArray();
            if (state.writeIncluded)
            {
                writer.WriteStartArray("included");
                foreach (var metric in state.metrics)
                {
                    WriteMetric(writer, metric, state.request);
                }

                foreach (var profile in state.profiles)
                {
                    ProfileJson.WriteResource(writer, profile, state.request, subscriptions: false);
                }

                writer.WriteEndArray();
            }

            CollectionLinks.Write(writer, state.request, state.nextCursor);
            writer.WriteEndObject();
        });

    public static byte[] Metrics(IReadOnlyList<MetricRecord> metrics, EmulatorRequest request, string? nextCursor) =>
        JsonWriting.Build((metrics, request, nextCursor), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var metric in state.metrics)
            {
                WriteMetric(writer, metric, state.request);
            }

            writer.WriteEndArray();
            CollectionLinks.Write(writer, state.request, state.nextCursor);
            writer.WriteEndObject();
        });

    private static void WriteEvent(Utf8JsonWriter writer, EmulatedEvent item, EmulatorRequest request)
    {
        string self = request.Url("api/events/" + item.Id);
        writer.WriteStartObject();
        writer.WriteString("type", "event");
        writer.WriteString("id", item.Id);
        writer.WriteStartObject("attributes");
        writer.WriteNumber("timestamp", item.Time.ToUnixTimeSeconds());
        writer.WriteStartObject("event_properties");
        if (item.Properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in item.Properties.EnumerateObject())
            {
                property.WriteTo(writer);
            }
        }

        if (item.Value is { } value)
        {
            writer.WriteNumber("$value", value);
        }

        if (item.UniqueId is { } uniqueId)
        {
            writer.WriteString("$event_id", uniqueId);
        }

        writer.WriteEndObject();
        writer.WriteString("datetime", JsonWriting.Timestamp(item.Time));
        writer.WriteString("uuid", Uuid(item.Id));
        writer.WriteEndObject();
        writer.WriteStartObject("relationships");
        WriteRelationship(writer, "profile", "profile", item.ProfileId, self);
        WriteRelationship(writer, "metric", "metric", item.MetricId, self);
        writer.WriteEndObject();
        writer.WriteStartObject("links");
        writer.WriteString("self", self);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter writer, MetricRecord metric, EmulatorRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "metric");
        writer.WriteString("id", metric.Id);
        writer.WriteStartObject("attributes");
        writer.WriteString("name", metric.Name);
        writer.WriteTimestamp("created", metric.Created);
        writer.WriteTimestamp("updated", metric.Created);
        writer.WriteStartObject("integration");
        writer.WriteString("object", "integration");
        writer.WriteString("id", "0rG4eQ");
        writer.WriteString("key", "api");
        writer.WriteString("name", "API");
        writer.WriteString("category", "API");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("links");
        writer.WriteString("self", request.Url("api/metrics/" + metric.Id));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteRelationship(Utf8JsonWriter writer, string name, string type, string id, string self)
    {
        writer.WriteStartObject(name);
        writer.WriteStartObject("data");
        writer.WriteString("type", type);
        writer.WriteString("id", id);
        writer.WriteEndObject();
        writer.WriteStartObject("links");
        writer.WriteString("self", self + "/relationships/" + name);
        writer.WriteString("related", self + "/" + name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A stable UUID for an event id (Klaviyo's own uuid is opaque too).</summary>
    private static string Uuid(string id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return new Guid(hash[..16]).ToString("D", CultureInfo.InvariantCulture);
    }
}
