using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Writes bulk profile import jobs and their import errors.</summary>
internal static class ImportJobJson
{
    public static byte[] Job(EmulatedImportJob job, EmulatorRequest request) =>
        JsonWriting.Build((job, request), static (writer, state) =>
        {
            var (job, request) = state;
            string self = request.Url("api/profile-bulk-import-jobs/" + job.Id);
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            writer.WriteString("type", "profile-bulk-import-job");
            writer.WriteString("id", job.Id);
            writer.WriteStartObject("attributes");
            writer.WriteString("status", Wire(job.Status));
            writer.WriteTimestamp("created_at", job.CreatedAt);
            writer.WriteNumber("total_count", job.TotalCount);
            writer.WriteNumber("completed_count", job.CompletedCount);
            writer.WriteNumber("failed_count", job.FailedCount);
            writer.WriteTimestamp("completed_at", job.CompletedAt);
            writer.WriteTimestamp("expires_at", job.ExpiresAt);
            writer.WriteTimestamp("started_at", job.StartedAt);
            writer.WriteEndObject();
            writer.WriteStartObject("relationships");
            writer.WriteStartObject("lists");
            writer.WriteStartArray("data");
            foreach (string listId in job.ListIds)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "list");
                writer.WriteString("id", listId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            foreach (string relationship in (string[])["profiles", "import-errors"])
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
            writer.WriteStartObject("links");
            writer.WriteString("self", self);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] Errors(IReadOnlyList<EmulatedImportError> errors, EmulatorRequest request, string? nextCursor) =>
        JsonWriting.Build((errors, request, nextCursor), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var error in state.errors)
            {
                WriteError(writer, error);
            }

            writer.WriteEndArray();
            CollectionLinks.Write(writer, state.request, state.nextCursor);
            writer.WriteEndObject();
        });

    public static string Wire(EmulatedImportJobStatus status) => status switch
    {
        EmulatedImportJobStatus.Queued => "queued",
        EmulatedImportJobStatus.Processing => "processing",
        _ => "complete",
    };

    private static void WriteError(Utf8JsonWriter writer, EmulatedImportError error)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "import-error");
        writer.WriteString("id", error.Id);
        writer.WriteStartObject("attributes");
        writer.WriteString("code", error.Code);
        writer.WriteString("title", error.Title);
        writer.WriteString("detail", error.Detail);
        writer.WriteStartObject("source");
        writer.WriteString("pointer", error.SourcePointer);
        writer.WriteEndObject();
        writer.WritePropertyName("original_payload");
        error.OriginalPayload.WriteTo(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
