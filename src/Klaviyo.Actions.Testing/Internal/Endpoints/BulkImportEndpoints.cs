using System.Globalization;
using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>
/// <c>POST /api/profile-bulk-import-jobs</c>, <c>GET /api/profile-bulk-import-jobs/{id}</c> and
/// <c>GET /api/profile-bulk-import-jobs/{id}/import-errors</c>. Shape errors fail the whole request synchronously (400 with
/// row pointers); rows with a phone number that is not E.164 become import errors when the job runs.
/// </summary>
internal sealed class BulkImportEndpoints(EmulatorState state)
{
    public const int MaxProfiles = 10_000;

    private const string RowsPointer = "/data/attributes/profiles/data";
    private static readonly NameSet NoQuery = NameSet.Of();
    private static readonly NameSet JobQuery = NameSet.Of("fields[profile-bulk-import-job]", "fields[list]", "include");
    private static readonly NameSet ErrorsQuery = NameSet.Of("fields[import-error]", "page[size]", "page[cursor]");
    private static readonly NameSet JobMembers = NameSet.Of("type", "attributes", "relationships");
    private static readonly NameSet JobAttributes = NameSet.Of("profiles");
    private static readonly NameSet JobRelationships = NameSet.Of("lists");
    private static readonly NameSet DataOnly = NameSet.Of("data");
    private static readonly NameSet RowMembers = NameSet.Of("type", "id", "attributes", "meta");

    public EmulatorResponse Create(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, NoQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!JsonApiDocument.TryGetResource(request, "profile-bulk-import-job", problems, out var data))
        {
            return problems.ToResponse();
        }

        JsonShape.RejectUnknown(data, JobMembers, "/data", "profile-bulk-import-job", problems);
        var listIds = ReadLists(data, problems);
        if (!ReadProfilesArray(data, problems, out var profiles))
        {
            return problems.ToResponse();
        }

        int count = profiles.GetArrayLength();
        if (count is 0 or > MaxProfiles)
        {
            return EmulatorResponse.Error(ApiErrors.Invalid(RowsPointer, string.Create(CultureInfo.InvariantCulture,
                $"A bulk import accepts between 1 and {MaxProfiles} profiles per request; got {count}.")));
        }

        // Checked first without building pointers; only a request with problems is checked again to point at them.
        var rows = ReadRows(profiles, silent: true, problems);
        if (problems.HasErrors)
        {
            problems = new Problems();
            ReadRows(profiles, silent: false, problems);
            return problems.ToResponse();
        }

        foreach (string listId in listIds)
        {
            if (!state.Lists.Exists(listId))
            {
                return EmulatorResponse.Error(ApiErrors.Invalid("/data", $"List ID {listId} does not exist."));
            }
        }

        var job = state.Jobs.Create(rows, listIds, request.Now);
        return EmulatorResponse.Json(202, ImportJobJson.Job(job, request));
    }

    public EmulatorResponse Get(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, JobQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var job = state.Jobs.Get(request.RouteId, request.Now);
        return job is null
            ? EmulatorResponse.Error(JobNotFound(request.RouteId))
            : EmulatorResponse.Json(200, ImportJobJson.Job(job, request));
    }

    public EmulatorResponse Errors(EmulatorRequest request)
    {
        var queryError = QueryParameters.CheckAllowed(request, ErrorsQuery);
        var sizeError = QueryParameters.PageSize(request, 100, 20, out int size);
        var cursorError = QueryParameters.Cursor(request, out long from);
        if ((queryError ?? sizeError ?? cursorError) is { } error)
        {
            return EmulatorResponse.Error(error);
        }

        if (state.Jobs.Errors(request.RouteId, (int)Math.Min(from, int.MaxValue), size) is not { } page)
        {
            return EmulatorResponse.Error(JobNotFound(request.RouteId));
        }

        string? next = page.NextIndex is { } nextIndex ? Cursors.Encode(nextIndex) : null;
        return EmulatorResponse.Json(200, ImportJobJson.Errors(page.Page, request, next));
    }

    private static JsonApiError JobNotFound(string id) =>
        ApiErrors.NotFound($"A profile bulk import job with id {id} does not exist.", parameter: "id");

    private static List<string> ReadLists(JsonElement data, Problems problems)
    {
        var ids = new List<string>();
        if (JsonShape.Object(data, "relationships", "/data", problems, out var relationships, nullable: true) != MemberState.Present)
        {
            return ids;
        }

        JsonShape.RejectUnknown(relationships, JobRelationships, "/data/relationships", "profile-bulk-import-job", problems);
        if (JsonShape.Object(relationships, "lists", "/data/relationships", problems, out var lists, nullable: true) != MemberState.Present)
        {
            return ids;
        }

        JsonShape.RejectUnknown(lists, DataOnly, "/data/relationships/lists", "lists", problems);
        if (JsonShape.Array(lists, "data", "/data/relationships/lists", problems, out var items, required: true) != MemberState.Present)
        {
            return ids;
        }

        int index = 0;
        foreach (var item in items.EnumerateArray())
        {
            string pointer = JsonShape.Pointer("/data/relationships/lists/data", index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Invalid(pointer, "Each list must be a resource identifier {\"type\":\"list\",\"id\":...}.");
                continue;
            }

            if (JsonShape.ResourceType(item, "list", pointer, problems) &&
                JsonShape.String(item, "id", pointer, problems, out string? id, required: true, nullable: false) == MemberState.Present)
            {
                ids.Add(id!);
            }
        }

        return ids;
    }

    private static bool ReadProfilesArray(JsonElement data, Problems problems, out JsonElement profiles)
    {
        profiles = default;
        if (JsonShape.Object(data, "attributes", "/data", problems, out var attributes, required: true) != MemberState.Present)
        {
            return false;
        }

        JsonShape.RejectUnknown(attributes, JobAttributes, "/data/attributes", "profile-bulk-import-job", problems);
        if (JsonShape.Object(attributes, "profiles", "/data/attributes", problems, out var wrapper, required: true) != MemberState.Present)
        {
            return false;
        }

        JsonShape.RejectUnknown(wrapper, DataOnly, "/data/attributes/profiles", "profiles", problems);
        return JsonShape.Array(wrapper, "data", "/data/attributes/profiles", problems, out profiles, required: true) == MemberState.Present &&
            !problems.HasErrors;
    }

    private static List<ImportRow> ReadRows(JsonElement profiles, bool silent, Problems problems)
    {
        var rows = new List<ImportRow>(profiles.GetArrayLength());
        int index = 0;
        foreach (var row in profiles.EnumerateArray())
        {
            if (ReadRow(row, index, silent ? JsonShape.Silent : JsonShape.Pointer(RowsPointer, index), problems) is { } importRow)
            {
                rows.Add(importRow);
            }

            index++;
        }

        return rows;
    }

    private static ImportRow? ReadRow(JsonElement row, int index, string pointer, Problems problems)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            problems.Invalid(pointer, "Each profile must be an object.");
            return null;
        }

        if (JsonShape.RawLength(row) > ProfileEndpoints.MaxProfileBytes)
        {
            problems.Invalid(pointer, "The maximum allowed payload size per-profile is 100KB.");
            return null;
        }

        int before = problems.Count;
        JsonShape.RejectUnknown(row, RowMembers, pointer, "profile", problems);
        if (!JsonShape.ResourceType(row, "profile", pointer, problems))
        {
            return null;
        }

        JsonShape.String(row, "id", pointer, problems, out string? id);
        string attributesPointer = JsonShape.Pointer(pointer, "attributes");
        var write = new ProfileWrite();
        if (JsonShape.Object(row, "attributes", pointer, problems, out var attributes, required: true) == MemberState.Present)
        {
            write = ProfileAttributesReader.Read(attributes, attributesPointer, ProfileSchema.BulkImport, problems);
        }

        if (JsonShape.Object(row, "meta", pointer, problems, out var meta, nullable: true) == MemberState.Present)
        {
            write.PatchProperties = ProfileMetaReader.Read(meta, JsonShape.Pointer(pointer, "meta"), problems);
        }

        if (problems.Count == before && id is null && !write.HasIdentifier)
        {
            problems.Invalid(attributesPointer, ProfileEndpoints.MissingIdentifier);
        }

        return problems.Count == before ? new ImportRow(index, id, write, row) : null;
    }
}
