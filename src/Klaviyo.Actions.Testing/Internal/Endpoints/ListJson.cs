using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Writes list resources.</summary>
internal static class ListJson
{
    public static byte[] Single(ListView list, EmulatorRequest request) =>
        JsonWriting.Build((list, request), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            WriteResource(writer, state.list, state.request);
            writer.WriteStartObject("links");
            writer.WriteString("self", state.request.Url("api/lists/" + state.list.Id));
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] Collection(IReadOnlyList<ListView> lists, EmulatorRequest request, string? nextCursor) =>
        JsonWriting.Build((lists, request, nextCursor), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var list in state.lists)
            {
                WriteResource(writer, list, state.request);
            }

            writer.WriteEndArray();
            CollectionLinks.Write(writer, state.request, state.nextCursor);
            writer.WriteEndObject();
        });

    private static void WriteResource(Utf8JsonWriter writer, ListView list, EmulatorRequest request)
    {
        string self = request.Url("api/lists/" + list.Id);
        writer.WriteStartObject();
        writer.WriteString("type", "list");
        writer.WriteString("id", list.Id);
        writer.WriteStartObject("attributes");
        writer.WriteString("name", list.Name);
        writer.WriteTimestamp("created", list.Created);
        writer.WriteTimestamp("updated", list.Updated);
        writer.WriteString("opt_in_process", list.OptInProcess);
        writer.WriteEndObject();
        writer.WriteStartObject("relationships");
        foreach (string relationship in (string[])["profiles", "tags", "flow-triggers"])
        {
            writer.WriteStartObject(relationship);
            writer.WriteStartObject("links");
            writer.WriteString("self", self + "/relationships/" + relationship);
            writer.WriteString("related", self + "/" + relationship);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("links");
        writer.WriteString("self", self);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
