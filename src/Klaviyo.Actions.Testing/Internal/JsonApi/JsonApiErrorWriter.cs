using System.Buffers;
using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.JsonApi;

/// <summary>Writes <c>{"errors":[{id,status,code,title,detail,source,links,meta}]}</c>.</summary>
internal static class JsonApiErrorWriter
{
    public static byte[] Write(IReadOnlyList<JsonApiError> errors)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            foreach (var error in errors)
            {
                WriteError(writer, error);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteError(Utf8JsonWriter writer, JsonApiError error)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Guid.NewGuid().ToString());
        writer.WriteNumber("status", error.Status);
        writer.WriteString("code", error.Code);
        writer.WriteString("title", error.Title);
        writer.WriteString("detail", error.Detail);
        writer.WriteStartObject("source");
        if (error.Parameter is not null)
        {
            writer.WriteString("parameter", error.Parameter);
        }
        else if (error.Pointer is not null)
        {
            writer.WriteString("pointer", error.Pointer);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("links");
        if (error.TypeLink is not null)
        {
            writer.WriteString("type", error.TypeLink);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("meta");
        if (error.DuplicateProfileId is not null)
        {
            writer.WriteString("duplicate_profile_id", error.DuplicateProfileId);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
